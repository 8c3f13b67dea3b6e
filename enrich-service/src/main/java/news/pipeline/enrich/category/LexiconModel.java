package news.pipeline.enrich.category;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import news.pipeline.enrich.text.Folding;

/**
 * The transparent lexicon model: weighted terms per language, matched as whole words.
 *
 * <ul>
 *   <li>Fields weigh differently: headline ×3, lead ×2, body ×1.</li>
 *   <li>A term found {@code c} times in a field adds {@code weight × fieldBoost × (1 + ln c)}: repeated
 *       words count, but less and less.</li>
 *   <li>A term pointing at a second-level topic adds to that topic and to its top-level parent.</li>
 *   <li>Terms carry their Vietnamese diacritics and match text written with them exactly ("bão" storm,
 *       not "bao" how much). Only when a text carries (almost) no diacritics at all — typed without
 *       them — are the terms of a lexicon written with diacritics matched folded, and then only terms of
 *       two words or more, because single folded Vietnamese syllables are too ambiguous.</li>
 * </ul>
 */
public final class LexiconModel {

    static final double HEADLINE_BOOST = 3.0;
    static final double LEAD_BOOST = 2.0;
    static final double BODY_BOOST = 1.0;
    /** Below this share of words carrying diacritics, a text is taken as typed without them. */
    static final double DIACRITIC_FREE_RATIO = 0.02;

    private final CategoryData data;
    private final Map<String, Index> indexes = new HashMap<>();

    public LexiconModel(CategoryData data) {
        this.data = data;
        for (String language : data.lexiconLanguages()) {
            indexes.put(language, new Index(data.lexicon(language)));
        }
    }

    /** Raw evidence per topic code (second-level ones also counted in their parent). */
    public record Evidence(Map<String, Double> rawByCode) {
        public double raw(String code) {
            return rawByCode.getOrDefault(code, 0.0);
        }
    }

    public Evidence score(String headline, String lead, String body, String language) {
        Collection<Index> selected = indexes.containsKey(language) ? List.of(indexes.get(language)) : indexes.values();
        // each text split into words once, for the diacritics check and every lexicon
        List<String> headlineWords = Folding.words(headline);
        List<String> leadWords = Folding.words(lead);
        List<String> bodyWords = Folding.words(body);
        boolean diacriticFree = isDiacriticFree(List.of(headlineWords, leadWords, bodyWords));
        Map<String, Double> byCode = new TreeMap<>();
        for (Index index : selected) {
            // folding only matters for a lexicon written with diacritics (Vietnamese), never for English
            boolean folded = diacriticFree && index.hasDiacritics;
            add(index, headlineWords, HEADLINE_BOOST, folded, byCode);
            add(index, leadWords, LEAD_BOOST, folded, byCode);
            add(index, bodyWords, BODY_BOOST, folded, byCode);
        }
        return new Evidence(byCode);
    }

    private void add(Index index, List<String> words, double boost, boolean folded, Map<String, Double> byCode) {
        if (words.isEmpty()) {
            return;
        }
        if (folded) {
            words = words.stream().map(Folding::fold).toList();
        }
        // identity: a term is one object of the index, and a record's hash would walk its word lists on every match;
        // the terms in the order the text holds them, so the evidence is summed in the same order on every run
        Map<LexiconTerm, Integer> counts = new IdentityHashMap<>();
        List<LexiconTerm> found = new ArrayList<>();
        Node root = folded ? index.folded : index.exact;
        for (int i = 0; i < words.size(); i++) {
            // walk the terms' word tree from this word on: one map look-up per word of the longest match, however
            // many terms share the first word
            Node node = root;
            for (int j = i; j < words.size(); j++) {
                node = node.next == null ? null : node.next.get(words.get(j));
                if (node == null) {
                    break;
                }
                if (node.terms != null) {
                    for (LexiconTerm term : node.terms) {
                        if (counts.merge(term, 1, Integer::sum) == 1) {
                            found.add(term);
                        }
                    }
                }
            }
        }
        for (LexiconTerm term : found) {
            int count = counts.get(term);
            double contribution = term.weight() * boost * (1 + Math.log(count));
            byCode.merge(term.code(), contribution, Double::sum);
            MediaTopic topic = data.topic(term.code());
            if (topic != null && !topic.isTopLevel()) {
                byCode.merge(topic.parentCode(), contribution, Double::sum);
            }
        }
    }

    static boolean isDiacriticFree(List<List<String>> words) {
        int total = 0;
        for (List<String> textWords : words) {
            total += textWords.size();
        }
        double limit = DIACRITIC_FREE_RATIO * total;
        int marked = 0;
        for (List<String> textWords : words) {
            for (String word : textWords) {
                // folding leaves a plain ASCII word as it is: only the others need folding to compare
                if (!isAscii(word) && !word.equals(Folding.fold(word)) && ++marked >= limit) {
                    return false; // enough marked words seen: the rest cannot change the answer
                }
            }
        }
        return total > 0;
    }

    private static boolean isAscii(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (word.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** The terms as a tree of their words: a node holds the terms that end with the word leading to it. */
    private static final class Node {
        Map<String, Node> next;
        List<LexiconTerm> terms;

        void add(List<String> words, LexiconTerm term) {
            Node node = this;
            for (String word : words) {
                if (node.next == null) {
                    node.next = new HashMap<>();
                }
                node = node.next.computeIfAbsent(word, w -> new Node());
            }
            if (node.terms == null) {
                node.terms = new ArrayList<>(1);
            }
            node.terms.add(term);
        }
    }

    private static final class Index {
        final Node exact = new Node();
        /** Folded words, terms of two words or more only: single folded Vietnamese syllables are too ambiguous. */
        final Node folded = new Node();
        final boolean hasDiacritics;

        Index(List<LexiconTerm> terms) {
            hasDiacritics = terms.stream().anyMatch(t -> !t.words().equals(t.foldedWords()));
            for (LexiconTerm term : terms) {
                exact.add(term.words(), term);
                if (term.foldedWords().size() >= 2) {
                    folded.add(term.foldedWords(), term);
                }
            }
        }
    }
}

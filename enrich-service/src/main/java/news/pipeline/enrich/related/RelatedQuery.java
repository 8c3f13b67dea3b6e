package news.pipeline.enrich.related;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * One article's text analysed once, for everything the related index does with it: the terms of its
 * opening (candidate query), the whole text's term counts (the vector candidates are scored against,
 * and what the index keeps of it), and its length in words.
 *
 * <p>Terms are folded words ({@link FoldingAnalyzer}) and two-word shingles, in the order of Lucene's
 * ShingleFilter(2, 2) with unigrams: w1, "w1 w2", w2, "w2 w3", w3, ... Stop words are left out: a word that
 * is in {@link #STOP_WORDS} or one character long, a shingle only when both its words are in the list
 * ("so va" and "va quy" are kept). A term counted more than {@value #MAX_TF} times counts {@value #MAX_TF}.
 */
public final class RelatedQuery {

    /** The opening that chooses the candidates: the first tokens of headline (twice), lead and body. */
    static final int MAX_TOKENS_FOR_CANDIDATES = 400;
    static final int MAX_TF = 255;

    static final Set<String> STOP_WORDS = Set.of(
            // Vietnamese function words, folded
            "va", "cua", "cac", "la", "duoc", "co", "nhung", "trong", "cho", "voi", "nguoi", "khong", "nay",
            "da", "mot", "tai", "den", "tu", "ve", "theo", "khi", "nam", "cung", "nhieu", "de", "se", "vao", "ra",
            "thi", "do", "nhu", "tren", "o",
            // English
            "the", "and", "of", "to", "in", "is", "for", "on", "that", "with", "was", "are", "as", "by", "at",
            "from", "it", "an", "be", "has", "have", "a", "its", "this", "after", "said");

    /** Distinct terms in the order first seen, with their counts over the whole text and within the opening. */
    private final String[] terms;
    private final int[] counts;
    private final int[] openingCounts;
    /** Words (not shingles): the length a candidate's match is normalised by. */
    private final int words;
    private final double norm;
    /** The terms' ids in the index that analysed this text, once looked up (-1: not in the index yet). */
    private int[] termIds;

    private RelatedQuery(String[] terms, int[] counts, int[] openingCounts, int words) {
        this.terms = terms;
        this.counts = counts;
        this.openingCounts = openingCounts;
        this.words = words;
        double squares = 0;
        for (int count : counts) {
            double w = weight(count);
            squares += w * w;
        }
        this.norm = Math.sqrt(squares);
    }

    static RelatedQuery analyse(Analyzer analyzer, String text) {
        Map<String, int[]> seen = new LinkedHashMap<>(); // term → {count, opening count}
        int words = 0;
        String previous = null;
        boolean previousListed = false;
        try (TokenStream stream = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                String word = term.toString();
                boolean listed = STOP_WORDS.contains(word);
                // word n (from 0) is token 2n + 1 of the stream, the shingle ending with it token 2n
                if (previous != null) {
                    count(seen, 2 * words, previous + ' ' + word, previousListed && listed);
                }
                count(seen, 2 * words + 1, word, listed || word.length() < 2);
                words++;
                previous = word;
                previousListed = listed;
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String[] terms = new String[seen.size()];
        int[] counts = new int[terms.length];
        int[] opening = new int[terms.length];
        int i = 0;
        for (Map.Entry<String, int[]> e : seen.entrySet()) {
            terms[i] = e.getKey();
            counts[i] = e.getValue()[0];
            opening[i] = e.getValue()[1];
            i++;
        }
        return new RelatedQuery(terms, counts, opening, words);
    }

    /** The token at {@code position} (from 1), counted unless it is a stop word; in the opening within the first tokens. */
    private static void count(Map<String, int[]> seen, int position, String token, boolean stop) {
        if (stop) {
            return;
        }
        int[] count = seen.computeIfAbsent(token, t -> new int[2]);
        count[0] = capped(count[0] + 1);
        if (position <= MAX_TOKENS_FOR_CANDIDATES) {
            count[1] = capped(count[1] + 1);
        }
    }

    private static int capped(int count) {
        return Math.min(MAX_TF, count);
    }

    /** A term's weight in a vector: 1 + ln tf. */
    static double weight(int count) {
        return 1 + Math.log(count);
    }

    /** Distinct terms, in the order first seen. */
    String[] terms() {
        return terms;
    }

    /** Each term's count over the whole text (at most {@value #MAX_TF}). */
    int[] counts() {
        return counts;
    }

    /** Each term's count within the opening; 0 for a term that appears only later. */
    int[] openingCounts() {
        return openingCounts;
    }

    int[] termIds() {
        return termIds;
    }

    void termIds(int[] ids) {
        this.termIds = ids;
    }

    /** Term → count over the whole text, for tests and reports. */
    Map<String, Integer> countsByTerm() {
        return toMap(counts);
    }

    /** Term → count within the opening, for tests and reports. */
    Map<String, Integer> openingByTerm() {
        return toMap(openingCounts);
    }

    private Map<String, Integer> toMap(int[] values) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < terms.length; i++) {
            if (values[i] > 0) {
                map.put(terms[i], values[i]);
            }
        }
        return map;
    }

    int words() {
        return words;
    }

    /** The Euclidean norm of the whole text's vector. */
    double norm() {
        return norm;
    }

    boolean isEmpty() {
        return terms.length == 0;
    }
}

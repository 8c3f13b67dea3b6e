package news.pipeline.enrich.category;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import news.pipeline.events.Category;
import news.pipeline.events.CategorySource;
import news.pipeline.events.RawArticle;
import news.pipeline.events.SubjectRef;

/**
 * Assigns IPTC Media Topics by combining three signals, each proposing topics with a score in 0..1:
 *
 * <ol>
 *   <li>FEED — subjects the feed gives as Media Topic codes (score 1.0; a second-level code also proposes
 *       its parent at 0.9), and sections or subjects mapped through {@code sections.tsv} (0.9).</li>
 *   <li>LEXICON — {@link LexiconModel} evidence. For a top-level topic with raw evidence {@code r} and share
 *       {@code s} of all top-level evidence: score = s × (1 − e^(−r/6)), kept when r ≥ lexiconMinRaw and
 *       s ≥ lexiconMinShare (the best topic needs only r ≥ lexiconMinRaw). A second-level topic is kept only
 *       on strong evidence (r ≥ secondLevelMinRaw and at least secondLevelMinShare of its parent's), scored
 *       parent score × its part of the parent's evidence.</li>
 *   <li>SIMILAR_ARTICLES — the top-level topics of the most similar articles already seen: the share of
 *       neighbour similarity carrying a topic (vote), kept when at least similarMinNeighbours agree and
 *       vote ≥ similarMinVote; score = vote × mean similarity of those neighbours.</li>
 * </ol>
 *
 * A topic proposed by several signals is emitted once: score = 1 − Π(1 − score_i) (noisy-or) and source =
 * the signal with the highest score (ties: FEED, LEXICON, SIMILAR_ARTICLES). Categories are ordered by score,
 * then code, scores rounded to 4 decimals, so the same input and state give the same list.
 */
public class CategoryEnricher {

    private final CategoryData data;
    private final LexiconModel lexicon;
    private final CategorySettings settings;

    public CategoryEnricher(CategoryData data, CategorySettings settings) {
        this.data = data;
        this.lexicon = new LexiconModel(data);
        this.settings = settings;
    }

    public List<Category> categorize(RawArticle article, String language, List<Neighbour> neighbours) {
        Map<String, Map<CategorySource, Double>> proposals = new TreeMap<>();
        feed(article, proposals);
        lexicon(article.getHeadline(), article.getSubheadline(), article.getBodyText(), language, proposals);
        similar(neighbours, proposals);
        return combine(proposals);
    }

    /** The lexicon signal alone, on a headline and lead (what the evaluation set measures). */
    public List<Category> categorizeText(String headline, String lead, String language) {
        Map<String, Map<CategorySource, Double>> proposals = new TreeMap<>();
        lexicon(headline, lead, null, language, proposals);
        return combine(proposals);
    }

    private void feed(RawArticle article, Map<String, Map<CategorySource, Double>> proposals) {
        for (SubjectRef subject : article.getSubjects()) {
            MediaTopic topic = data.topic(subject.getCode());
            if (topic != null) {
                propose(proposals, topic.code(), CategorySource.FEED, 1.0);
                if (!topic.isTopLevel()) {
                    propose(proposals, topic.parentCode(), CategorySource.FEED, 0.9);
                }
                continue;
            }
            mapped(data.sectionTopic(subject.getCode()), proposals);
            mapped(data.sectionTopic(subject.getName()), proposals);
        }
        mapped(data.sectionTopic(article.getSection()), proposals);
    }

    private void mapped(String code, Map<String, Map<CategorySource, Double>> proposals) {
        if (code == null) {
            return;
        }
        propose(proposals, code, CategorySource.FEED, 0.9);
        MediaTopic topic = data.topic(code);
        if (!topic.isTopLevel()) {
            propose(proposals, topic.parentCode(), CategorySource.FEED, 0.9);
        }
    }

    private void lexicon(String headline, String lead, String body, String language,
            Map<String, Map<CategorySource, Double>> proposals) {
        LexiconModel.Evidence evidence = lexicon.score(headline, lead, body, language);
        double total = 0;
        String best = null;
        for (MediaTopic topic : data.topics().values()) {
            if (topic.isTopLevel()) {
                double raw = evidence.raw(topic.code());
                total += raw;
                if (raw > 0 && (best == null || raw > evidence.raw(best))) {
                    best = topic.code();
                }
            }
        }
        if (total == 0) {
            return;
        }
        Map<String, Double> topScores = new TreeMap<>();
        for (MediaTopic topic : data.topics().values()) {
            if (!topic.isTopLevel()) {
                continue;
            }
            double raw = evidence.raw(topic.code());
            double share = raw / total;
            boolean kept = raw >= settings.lexiconMinRaw()
                    && (share >= settings.lexiconMinShare() || topic.code().equals(best));
            if (kept) {
                double score = share * (1 - Math.exp(-raw / 6.0));
                topScores.put(topic.code(), score);
                propose(proposals, topic.code(), CategorySource.LEXICON, score);
            }
        }
        for (MediaTopic topic : data.topics().values()) {
            if (topic.isTopLevel() || !topScores.containsKey(topic.parentCode())) {
                continue;
            }
            double raw = evidence.raw(topic.code());
            double parentRaw = evidence.raw(topic.parentCode());
            if (raw >= settings.secondLevelMinRaw() && raw >= settings.secondLevelMinShare() * parentRaw) {
                propose(proposals, topic.code(), CategorySource.LEXICON,
                        topScores.get(topic.parentCode()) * raw / parentRaw);
            }
        }
    }

    private void similar(List<Neighbour> neighbours, Map<String, Map<CategorySource, Double>> proposals) {
        double total = neighbours.stream().mapToDouble(Neighbour::score).sum();
        if (neighbours.size() < settings.similarMinNeighbours() || total <= 0) {
            return;
        }
        Map<String, List<Neighbour>> byTopic = new TreeMap<>();
        for (Neighbour neighbour : neighbours) {
            neighbour.topLevelCodes().stream().distinct().filter(code -> data.topic(code) != null)
                    .forEach(code -> byTopic.computeIfAbsent(code, c -> new ArrayList<>()).add(neighbour));
        }
        byTopic.forEach((code, agreeing) -> {
            double carried = agreeing.stream().mapToDouble(Neighbour::score).sum();
            double vote = carried / total;
            if (agreeing.size() >= settings.similarMinNeighbours() && vote >= settings.similarMinVote()) {
                propose(proposals, code, CategorySource.SIMILAR_ARTICLES, vote * carried / agreeing.size());
            }
        });
    }

    private static void propose(Map<String, Map<CategorySource, Double>> proposals, String code,
            CategorySource source, double score) {
        proposals.computeIfAbsent(code, c -> new EnumMap<>(CategorySource.class)).merge(source, clamp(score), Math::max);
    }

    private List<Category> combine(Map<String, Map<CategorySource, Double>> proposals) {
        List<Category> categories = new ArrayList<>();
        proposals.forEach((code, bySource) -> {
            double miss = 1;
            CategorySource strongest = null;
            double strongestScore = -1;
            for (Map.Entry<CategorySource, Double> e : bySource.entrySet()) { // enum order: FEED, LEXICON, SIMILAR
                miss *= 1 - e.getValue();
                if (e.getValue() > strongestScore) {
                    strongest = e.getKey();
                    strongestScore = e.getValue();
                }
            }
            MediaTopic topic = data.topic(code);
            categories.add(Category.newBuilder()
                    .setCode(code)
                    .setLabelEn(topic.labelEn())
                    .setLabelVi(topic.labelVi())
                    .setParentCode(topic.parentCode())
                    .setScore(round(1 - miss))
                    .setSource(strongest)
                    .build());
        });
        categories.sort(Comparator.comparingDouble(Category::getScore).reversed().thenComparing(Category::getCode));
        return categories.size() > settings.maxCategories()
                ? List.copyOf(categories.subList(0, settings.maxCategories())) : categories;
    }

    private static double clamp(double score) {
        return Math.max(0, Math.min(1, score));
    }

    static double round(double score) {
        return Math.round(score * 10_000) / 10_000.0;
    }

    public CategoryData data() {
        return data;
    }
}

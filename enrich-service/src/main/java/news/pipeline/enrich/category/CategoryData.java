package news.pipeline.enrich.category;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import news.pipeline.enrich.text.Folding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * The category model as data: {@code mediatopics.tsv}, {@code sections.tsv} and one
 * {@code lexicon/<language>.tsv} per language, under one location ({@code classpath:categories/}
 * by default, or a directory such as {@code file:/etc/enrich/categories/} that editors change
 * without touching code; the service reads it at start-up).
 */
public final class CategoryData {

    private static final Logger log = LoggerFactory.getLogger(CategoryData.class);

    private final Map<String, MediaTopic> topics;
    private final Map<String, String> sections;
    private final Map<String, List<LexiconTerm>> lexicons;

    public CategoryData(Map<String, MediaTopic> topics, Map<String, String> sections,
            Map<String, List<LexiconTerm>> lexicons) {
        this.topics = Collections.unmodifiableMap(topics);
        this.sections = Collections.unmodifiableMap(sections);
        this.lexicons = Collections.unmodifiableMap(lexicons);
    }

    public static CategoryData load(ResourceLoader loader, String location, List<String> languages) {
        String base = location.endsWith("/") ? location : location + "/";
        Map<String, MediaTopic> topics = new LinkedHashMap<>();
        for (TsvFiles.Row row : TsvFiles.read(loader.getResource(base + "mediatopics.tsv"))) {
            String code = row.cell(0);
            String parent = row.cell(1);
            topics.put(code, new MediaTopic(code, parent.equals("-") || parent.isEmpty() ? null : parent,
                    row.cell(2), row.cell(3)));
        }
        for (MediaTopic topic : topics.values()) {
            if (topic.parentCode() != null && !topics.containsKey(topic.parentCode())) {
                throw new IllegalArgumentException("mediatopics.tsv: " + topic.code() + " has unknown parent "
                        + topic.parentCode());
            }
        }
        Map<String, String> sections = new TreeMap<>();
        for (TsvFiles.Row row : TsvFiles.read(loader.getResource(base + "sections.tsv"))) {
            String code = known(topics, row.cell(1), row);
            sections.put(Folding.slug(row.cell(0), '-'), code);
        }
        Map<String, List<LexiconTerm>> lexicons = new TreeMap<>();
        for (String language : languages) {
            Resource resource = loader.getResource(base + "lexicon/" + language.toLowerCase(Locale.ROOT) + ".tsv");
            if (!resource.exists()) {
                log.warn("no lexicon for language {} at {}", language, resource.getDescription());
                continue;
            }
            List<LexiconTerm> terms = new ArrayList<>();
            for (TsvFiles.Row row : TsvFiles.read(resource)) {
                String term = Folding.lower(row.cell(0));
                List<String> words = Folding.words(term);
                if (words.isEmpty()) {
                    continue;
                }
                List<String> folded = words.stream().map(Folding::fold).toList();
                double weight = Double.parseDouble(row.cell(2));
                terms.add(new LexiconTerm(term, words, folded, known(topics, row.cell(1), row), weight));
            }
            lexicons.put(language, List.copyOf(terms));
        }
        log.info("category data from {}: {} topics, {} section keys, lexicons {}", base, topics.size(),
                sections.size(), lexicons.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().size()).toList());
        return new CategoryData(topics, sections, lexicons);
    }

    private static String known(Map<String, MediaTopic> topics, String code, TsvFiles.Row row) {
        if (!topics.containsKey(code)) {
            throw new IllegalArgumentException(row.file() + ":" + row.line() + ": unknown Media Topic " + code);
        }
        return code;
    }

    public Map<String, MediaTopic> topics() {
        return topics;
    }

    public MediaTopic topic(String code) {
        return topics.get(code);
    }

    /** The topic a feed section or subject (code or name) maps to, matched after folding. */
    public String sectionTopic(String sectionOrSubject) {
        return sectionOrSubject == null ? null : sections.get(Folding.slug(sectionOrSubject, '-'));
    }

    public List<LexiconTerm> lexicon(String language) {
        return lexicons.getOrDefault(language, List.of());
    }

    public java.util.Set<String> lexiconLanguages() {
        return lexicons.keySet();
    }
}

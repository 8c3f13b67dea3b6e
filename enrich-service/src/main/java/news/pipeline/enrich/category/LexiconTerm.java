package news.pipeline.enrich.category;

import java.util.List;

/** A lexicon entry: its words (lower case, NFC; and folded), the topic it points to, its weight. */
public record LexiconTerm(String term, List<String> words, List<String> foldedWords, String code, double weight) {
}

package news.pipeline.enrich.related;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.shingle.ShingleFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The relevance of two texts computed the plain way, as the related index once did: each text
 * analysed by Lucene (folded words, ShingleFilter's two-word shingles) into a map (stop words out,
 * 1 + ln tf) and the cosine of the two maps. The oracle for {@link RelatedQuery}'s own shingles and for
 * the index's merge of sorted term-id arrays.
 */
final class ReferenceVectors {

    private ReferenceVectors() {
    }

    /** Folded words and two-word shingles, in Lucene's order. */
    static final class ShingleAnalyzer extends Analyzer {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            StandardTokenizer tokenizer = new StandardTokenizer();
            ShingleFilter shingles = new ShingleFilter(new ASCIIFoldingFilter(new LowerCaseFilter(tokenizer)), 2, 2);
            shingles.setOutputUnigrams(true);
            return new TokenStreamComponents(tokenizer, shingles);
        }
    }

    /** Every term's count, stop words out. */
    static Map<String, Integer> counts(String text) {
        Map<String, Integer> counts = new HashMap<>();
        try (TokenStream stream = new ShingleAnalyzer().tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                String token = term.toString();
                if (!isStop(token)) {
                    counts.merge(token, 1, Integer::sum);
                }
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return counts;
    }

    /** The stop rule read off the token itself: a listed or one-character word, a shingle of two listed words. */
    static boolean isStop(String token) {
        int space = token.indexOf(' ');
        if (space < 0) {
            return RelatedQuery.STOP_WORDS.contains(token) || token.length() < 2;
        }
        return RelatedQuery.STOP_WORDS.contains(token.substring(0, space))
                && RelatedQuery.STOP_WORDS.contains(token.substring(space + 1));
    }

    static Map<String, Double> vector(String text) {
        Map<String, Integer> counts = counts(text);
        Map<String, Double> vector = new HashMap<>();
        counts.forEach((token, count) -> vector.put(token, 1 + Math.log(count)));
        return vector;
    }

    static double cosine(Map<String, Double> a, Map<String, Double> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        double dot = 0;
        for (Map.Entry<String, Double> e : a.entrySet()) {
            Double other = b.get(e.getKey());
            if (other != null) {
                dot += e.getValue() * other;
            }
        }
        return dot / (norm(a) * norm(b));
    }

    private static double norm(Map<String, Double> v) {
        return Math.sqrt(v.values().stream().mapToDouble(x -> x * x).sum());
    }
}

package news.pipeline.enrich.related;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.shingle.ShingleFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * Standard tokenizer, lower case, ASCII folding (Vietnamese without diacritics: "Đẩy mạnh" → "day manh"),
 * plus two-word shingles, since Vietnamese words are often two syllables ("dân chủ", "quy chế").
 */
final class FoldingAnalyzer extends Analyzer {

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer tokenizer = new StandardTokenizer();
        TokenStream stream = new LowerCaseFilter(tokenizer);
        stream = new ASCIIFoldingFilter(stream);
        ShingleFilter shingles = new ShingleFilter(stream, 2, 2);
        shingles.setOutputUnigrams(true);
        return new TokenStreamComponents(tokenizer, shingles);
    }
}

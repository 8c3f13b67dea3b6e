package news.pipeline.enrich.related;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * Standard tokenizer, lower case, ASCII folding (Vietnamese without diacritics: "Đẩy mạnh" → "day manh").
 * {@link RelatedQuery} adds the two-word shingles itself (Vietnamese words are often two syllables: "dân chủ",
 * "quy chế"): Lucene's ShingleFilter, copying every token's attributes through a window, was 60 % of the analysis.
 */
final class FoldingAnalyzer extends Analyzer {

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer tokenizer = new StandardTokenizer();
        TokenStream stream = new LowerCaseFilter(tokenizer);
        return new TokenStreamComponents(tokenizer, new ASCIIFoldingFilter(stream));
    }
}

package news.stack.elasticsearch;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.charfilter.HTMLStripCharFilter;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.elasticsearch.index.analysis.AbstractCharFilterFactory;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.CharFilterFactory;
import org.elasticsearch.index.analysis.NormalizingTokenFilterFactory;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

import java.io.Reader;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Stands in for the parts of the distribution's analysis-common module (not on Maven Central)
 * that the pipeline uses, built from Lucene classes: the asciifolding token filter, the
 * html_strip char filter and the keyword and whitespace tokenizers. Core Elasticsearch already
 * provides the lowercase token filter (usable in normalizers) and the standard tokenizer.
 * ASCIIFoldingFilter folds Vietnamese diacritics, including đ to d.
 */
public class FoldingAnalysisPlugin extends Plugin implements AnalysisPlugin {

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        return Map.of("asciifolding", (indexSettings, env, name, settings) -> new AsciiFolding(name, settings.getAsBoolean("preserve_original", false)));
    }

    @Override
    public Map<String, AnalysisProvider<CharFilterFactory>> getCharFilters() {
        return Map.of("html_strip", (indexSettings, env, name, settings) -> {
            Set<String> escapedTags = new HashSet<>(settings.getAsList("escaped_tags"));
            return new AbstractCharFilterFactory(name) {
                @Override
                public Reader create(Reader reader) {
                    return new HTMLStripCharFilter(reader, escapedTags.isEmpty() ? null : escapedTags);
                }
            };
        });
    }

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        return Map.of(
            "keyword",
            (indexSettings, env, name, settings) -> {
                int bufferSize = settings.getAsInt("buffer_size", KeywordTokenizer.DEFAULT_BUFFER_SIZE);
                return TokenizerFactory.newFactory(name, () -> new KeywordTokenizer(bufferSize));
            },
            "whitespace",
            (indexSettings, env, name, settings) -> {
                int maxTokenLength = settings.getAsInt("max_token_length", StandardAnalyzer.DEFAULT_MAX_TOKEN_LENGTH);
                return TokenizerFactory.newFactory(
                    name,
                    () -> new WhitespaceTokenizer(TokenStream.DEFAULT_TOKEN_ATTRIBUTE_FACTORY, maxTokenLength)
                );
            }
        );
    }

    /** Normalizing, so a keyword normalizer may use it; normalizers never keep the unfolded original. */
    private static final class AsciiFolding extends AbstractTokenFilterFactory implements NormalizingTokenFilterFactory {
        private final boolean preserveOriginal;

        AsciiFolding(String name, boolean preserveOriginal) {
            super(name);
            this.preserveOriginal = preserveOriginal;
        }

        @Override
        public TokenStream create(TokenStream input) {
            return new ASCIIFoldingFilter(input, preserveOriginal);
        }

        @Override
        public TokenStream normalize(TokenStream input) {
            return new ASCIIFoldingFilter(input, false);
        }
    }
}

package news.pipeline.enrich.related;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TermToBytesRefAttribute;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.ClassicSimilarity;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefHash;
import org.apache.lucene.util.PriorityQueue;

/**
 * One article's text analysed once, for everything the related index does with it: the candidate
 * query (the terms Lucene's {@code MoreLikeThis} would pick), the term vector the candidates' scores
 * are computed against, and that vector's norm, stored with the article when it is indexed.
 *
 * <p>Why not {@code MoreLikeThis} itself: it analyses the text a second time and looks up each
 * distinct term's document frequency with a new terms enumerator per term and per segment, and the
 * search then looks every chosen term up again; that was a quarter of enrich-service's CPU. Here each
 * segment is walked once, in term order, and the term states found are handed to the query, so the
 * search looks nothing up again. The query is the one {@code MoreLikeThis} builds, clause for clause
 * (a test compares the two).
 */
public final class RelatedQuery {

    /** {@code MoreLikeThis} settings the index has always used. */
    static final int MAX_TOKENS_FOR_CANDIDATES = 400;
    static final int MAX_QUERY_TERMS = 50;
    static final int MIN_WORD_LENGTH = 2;

    private static final ClassicSimilarity IDF = new ClassicSimilarity();

    /** Term frequencies within the first {@link #MAX_TOKENS_FOR_CANDIDATES} tokens, noise words left out. */
    private final Map<String, int[]> candidateTermFrequencies;
    /** The whole text's vector (stop words out, 1 + ln tf), sorted in the index's term order. */
    private final BytesRef[] terms;
    private final double[] weights;
    private final double norm;
    /** Every token in order with its position increment: what the index needs, without analysing again. */
    private final List<String> tokens;
    private final int[] positionIncrements;

    private RelatedQuery(Map<String, int[]> candidateTermFrequencies, BytesRef[] terms, double[] weights, double norm,
            List<String> tokens, int[] positionIncrements) {
        this.candidateTermFrequencies = candidateTermFrequencies;
        this.terms = terms;
        this.weights = weights;
        this.norm = norm;
        this.tokens = tokens;
        this.positionIncrements = positionIncrements;
    }

    static RelatedQuery analyse(Analyzer analyzer, String field, String text, Set<String> stopWords) {
        Map<String, int[]> candidates = new HashMap<>();
        BytesRefHash vectorTerms = new BytesRefHash(); // counted as bytes and sorted in the index's order
        int[] counts = new int[256];
        List<String> sequence = new ArrayList<>();
        int[] increments = new int[64];
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            TermToBytesRefAttribute termBytes = stream.getAttribute(TermToBytesRefAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            int tokens = 0;
            while (stream.incrementToken()) {
                String token = term.toString();
                if (tokens == increments.length) {
                    increments = Arrays.copyOf(increments, tokens * 2);
                }
                increments[tokens] = increment.getPositionIncrement();
                sequence.add(token);
                tokens++;
                if (tokens <= MAX_TOKENS_FOR_CANDIDATES && !isNoise(token, stopWords)) {
                    // get-then-put as MoreLikeThis does: computeIfAbsent resizes the table at other moments,
                    // which changes the iteration order, hence the order of equal scores in the query
                    int[] count = candidates.get(token);
                    if (count == null) {
                        candidates.put(token, new int[] {1});
                    } else {
                        count[0]++;
                    }
                }
                if (!RelatedIndex.isStop(token)) {
                    int id = vectorTerms.add(termBytes.getBytesRef());
                    id = id < 0 ? -id - 1 : id;
                    if (id == counts.length) {
                        counts = Arrays.copyOf(counts, id * 2);
                    }
                    counts[id]++;
                }
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int size = vectorTerms.size();
        int[] order = vectorTerms.sort();
        BytesRef[] sorted = new BytesRef[size];
        double[] weights = new double[size];
        double squares = 0;
        for (int i = 0; i < size; i++) {
            sorted[i] = vectorTerms.get(order[i], new BytesRef()); // points into the hash's pool, kept with it
            weights[i] = 1 + Math.log(counts[order[i]]);
            squares += weights[i] * weights[i];
        }
        return new RelatedQuery(candidates, sorted, weights, Math.sqrt(squares), sequence, increments);
    }

    /** As {@code MoreLikeThis.isNoiseWord}: shorter than the minimum, or a stop word (whole token). */
    private static boolean isNoise(String token, Set<String> stopWords) {
        return token.length() < MIN_WORD_LENGTH || stopWords.contains(token);
    }

    /**
     * The analysed tokens again, for indexing the article: the same terms and positions the analyzer
     * gives (so the same postings, norms and term vector), without a second analysis.
     */
    TokenStream tokenStream() {
        return new TokenStream() {
            private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
            private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);
            private int next;

            @Override
            public boolean incrementToken() {
                if (next == tokens.size()) {
                    return false;
                }
                clearAttributes();
                term.setEmpty().append(tokens.get(next));
                increment.setPositionIncrement(positionIncrements[next]);
                next++;
                return true;
            }

            @Override
            public void reset() throws IOException {
                super.reset();
                next = 0;
            }
        };
    }

    double norm() {
        return norm;
    }

    boolean isEmpty() {
        return terms.length == 0;
    }

    /**
     * The candidate query: the {@link #MAX_QUERY_TERMS} terms of the opening with the highest tf × idf
     * (classic idf), as SHOULD clauses in the order {@code MoreLikeThis} adds
     * them, each carrying the term states found while counting document frequencies. Null when no term
     * occurs in the index.
     */
    Query candidates(IndexSearcher searcher, String field) throws IOException {
        IndexReader reader = searcher.getIndexReader();
        if (reader.getDocCount(field) == 0 || candidateTermFrequencies.isEmpty()) {
            return null;
        }
        // every distinct term, in the index's order, so each segment is walked forwards once
        List<String> words = new ArrayList<>(candidateTermFrequencies.keySet());
        BytesRefHash inTermOrder = new BytesRefHash(); // the words are distinct: word i gets id i
        words.forEach(word -> inTermOrder.add(new BytesRef(word)));
        int[] order = inTermOrder.sort();
        BytesRef term = new BytesRef();
        TermStates[] states = new TermStates[words.size()];
        int[] docFreqs = new int[words.size()];
        for (LeafReaderContext leaf : reader.leaves()) {
            Terms leafTerms = leaf.reader().terms(field);
            if (leafTerms == null) {
                continue;
            }
            TermsEnum termsEnum = leafTerms.iterator();
            for (int k = 0; k < words.size(); k++) { // sort() returns the hash's whole id table: the first size() are ids
                int i = order[k];
                if (termsEnum.seekExact(inTermOrder.get(i, term))) {
                    int docFreq = termsEnum.docFreq();
                    docFreqs[i] += docFreq;
                    if (states[i] == null) {
                        states[i] = new TermStates(searcher.getTopReaderContext());
                    }
                    states[i].register(termsEnum.termState(), leaf.ord, docFreq, termsEnum.totalTermFreq());
                }
            }
        }
        // MoreLikeThis.createQueue: the words in the map's iteration order, a bounded queue by score
        long docCount = reader.getDocCount(field); // documents with the field, deleted ones included, as MoreLikeThis counts
        ScoreQueue queue = new ScoreQueue(Math.min(MAX_QUERY_TERMS, words.size()));
        for (int i = 0; i < words.size(); i++) {
            if (docFreqs[i] == 0) {
                continue;
            }
            float score = candidateTermFrequencies.get(words.get(i))[0] * IDF.idf(docFreqs[i], docCount);
            if (queue.size() < queue.limit) {
                queue.add(new ScoreTerm(i, score));
            } else if (queue.top().score < score) {
                queue.updateTop(new ScoreTerm(i, score));
            }
        }
        if (queue.size() == 0) {
            return null;
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (ScoreTerm scored = queue.pop(); scored != null; scored = queue.pop()) {
            query.add(new TermQuery(new Term(field, words.get(scored.word)), states[scored.word]),
                    BooleanClause.Occur.SHOULD);
        }
        return query.build();
    }

    /**
     * Cosine of this vector and a candidate's, read from the candidate's stored term vector (the same
     * analysed tokens and counts), whose norm was stored when it was indexed: one merge of two sorted
     * term lists, no strings made.
     */
    double cosine(Terms candidate, double candidateNorm) throws IOException {
        if (candidate == null || terms.length == 0 || candidateNorm == 0) {
            return 0;
        }
        TermsEnum iterator = candidate.iterator();
        double dot = 0;
        int i = 0;
        for (BytesRef term = iterator.next(); term != null && i < terms.length; term = iterator.next()) {
            int cmp = terms[i].compareTo(term);
            while (cmp < 0 && ++i < terms.length) {
                cmp = terms[i].compareTo(term);
            }
            if (cmp == 0) {
                dot += weights[i] * (1 + Math.log(iterator.totalTermFreq()));
                i++;
            }
        }
        return dot / (norm * candidateNorm);
    }

    private record ScoreTerm(int word, float score) {
    }

    /** MoreLikeThis' FreqQ: the lowest score on top. */
    private static final class ScoreQueue extends PriorityQueue<ScoreTerm> {
        final int limit;

        ScoreQueue(int limit) {
            super(limit);
            this.limit = limit;
        }

        @Override
        protected boolean lessThan(ScoreTerm a, ScoreTerm b) {
            return a.score < b.score;
        }
    }
}

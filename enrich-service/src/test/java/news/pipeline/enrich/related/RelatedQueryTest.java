package news.pipeline.enrich.related;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import news.pipeline.enrich.SeedArticle;
import news.pipeline.events.RawArticle;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/**
 * {@link RelatedQuery} builds the candidate query Lucene's {@code MoreLikeThis} builds with the index's
 * settings, clause for clause and in the same order, and its cosine equals the one computed from the
 * two texts.
 */
class RelatedQueryTest {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final List<String> WORDS = List.of("quy chế", "dân chủ", "cơ sở", "nông dân", "thu hoạch", "lúa mùa",
            "giao thông", "tai nạn", "bóng đá", "futsal", "Thái Bình", "hội nghị", "tỉnh ủy", "bầu cử", "the", "council",
            "election", "flood", "harvest", "rice", "festival", "của", "và", "các", "được", "a", "x", "2026", "ở");

    @Test
    void candidateQueryIsTheOneMoreLikeThisBuilds() throws IOException {
        Random random = new Random(7);
        try (RelatedIndex index = new RelatedIndex(new ByteBuffersDirectory(),
                RelatedSettings.defaults().withRefreshInterval(java.time.Duration.ZERO))) {
            for (int i = 0; i < 60; i++) {
                index.accept(RelatedIndexTest.enriched(article("held-" + i, random), "vi", "medtop:11000000"));
                if (i % 7 == 0) {
                    index.refresh(); // several segments, as in the service
                }
            }
            index.refresh();
            SearcherManager manager = index.searchersForTest();
            IndexSearcher searcher = manager.acquire();
            try {
                for (int i = 0; i < 25; i++) {
                    RawArticle article = article("query-" + i, random);
                    String text = RelatedIndex.queryText(article);

                    Query ours = index.analyse(article).candidates(searcher, RelatedIndex.TEXT);

                    assertThat(ours).isNotNull();
                    assertThat(ours.toString()).isEqualTo(moreLikeThis(searcher.getIndexReader(), text).toString());
                }
            } finally {
                manager.release(searcher);
            }
        }
    }

    @Test
    void cosineAgainstAStoredTermVectorEqualsTheCosineOfTheTwoTexts() throws IOException {
        Random random = new Random(11);
        try (RelatedIndex index = new RelatedIndex(new ByteBuffersDirectory(),
                RelatedSettings.defaults().withRefreshInterval(java.time.Duration.ZERO))) {
            RawArticle held = article("held", random);
            index.accept(RelatedIndexTest.enriched(held, "vi", "medtop:11000000"));
            index.refresh();
            RawArticle query = article("query", random);
            IndexSearcher searcher = index.searchersForTest().acquire();
            try {
                var candidate = searcher.getIndexReader().termVectors().get(0, RelatedIndex.TEXT);
                double fast = index.analyse(query).cosine(candidate, index.analyse(held).norm());

                double reference = ReferenceVectors.cosine(ReferenceVectors.vector(RelatedIndex.queryText(query)),
                        ReferenceVectors.vector(RelatedIndex.queryText(held)));
                assertThat(fast).isPositive().isCloseTo(reference, org.assertj.core.data.Offset.offset(1e-12));
            } finally {
                index.searchersForTest().release(searcher);
            }
        }
    }

    @Test
    void theReplayedTokensIndexWhatTheAnalyzerGives() throws IOException {
        Random random = new Random(13);
        FoldingAnalyzer analyzer = new FoldingAnalyzer();
        try (ByteBuffersDirectory analysedByLucene = new ByteBuffersDirectory();
                ByteBuffersDirectory replayed = new ByteBuffersDirectory()) {
            try (IndexWriter fromText = new IndexWriter(analysedByLucene, new IndexWriterConfig(analyzer));
                    IndexWriter fromTokens = new IndexWriter(replayed, new IndexWriterConfig(analyzer))) {
                for (int i = 0; i < 20; i++) {
                    String text = RelatedIndex.queryText(article("doc-" + i, random))
                            + " Đẩy mạnh — thực hiện, quy chế (dân chủ) 2026/12 ...  x";
                    Document a = new Document();
                    a.add(new TextField(RelatedIndex.TEXT, text, Field.Store.NO));
                    fromText.addDocument(a);
                    Document b = new Document();
                    b.add(new Field(RelatedIndex.TEXT,
                            RelatedQuery.analyse(analyzer, RelatedIndex.TEXT, text, RelatedIndex.STOP_WORDS).tokenStream(),
                            TextField.TYPE_NOT_STORED));
                    fromTokens.addDocument(b);
                }
                fromText.forceMerge(1);
                fromTokens.forceMerge(1);
            }
            try (DirectoryReader expected = DirectoryReader.open(analysedByLucene);
                    DirectoryReader actual = DirectoryReader.open(replayed)) {
                LeafReader e = expected.leaves().getFirst().reader();
                LeafReader a = actual.leaves().getFirst().reader();
                TermsEnum expectedTerms = e.terms(RelatedIndex.TEXT).iterator();
                TermsEnum actualTerms = a.terms(RelatedIndex.TEXT).iterator();
                int terms = 0;
                for (BytesRef term = expectedTerms.next(); term != null; term = expectedTerms.next(), terms++) {
                    assertThat(actualTerms.next()).isEqualTo(term);
                    assertThat(postings(actualTerms)).as(term.utf8ToString()).isEqualTo(postings(expectedTerms));
                }
                assertThat(actualTerms.next()).isNull();
                assertThat(terms).isGreaterThan(100);
                NumericDocValues expectedNorms = e.getNormValues(RelatedIndex.TEXT);
                NumericDocValues actualNorms = a.getNormValues(RelatedIndex.TEXT);
                for (int doc = 0; doc < e.maxDoc(); doc++) {
                    assertThat(expectedNorms.advanceExact(doc) && actualNorms.advanceExact(doc)).isTrue();
                    assertThat(actualNorms.longValue()).isEqualTo(expectedNorms.longValue());
                }
            }
        }
    }

    /** Every document, frequency and position of the current term. */
    private static List<String> postings(TermsEnum terms) throws IOException {
        List<String> out = new ArrayList<>();
        PostingsEnum postings = terms.postings(null, PostingsEnum.POSITIONS);
        for (int doc = postings.nextDoc(); doc != PostingsEnum.NO_MORE_DOCS; doc = postings.nextDoc()) {
            StringBuilder entry = new StringBuilder(doc + ":" + postings.freq() + "@");
            for (int i = 0; i < postings.freq(); i++) {
                entry.append(postings.nextPosition()).append(',');
            }
            out.add(entry.toString());
        }
        return out;
    }

    private static Query moreLikeThis(IndexReader reader, String text) throws IOException {
        MoreLikeThis mlt = new MoreLikeThis(reader);
        mlt.setAnalyzer(new FoldingAnalyzer());
        mlt.setFieldNames(new String[] {RelatedIndex.TEXT});
        mlt.setMinTermFreq(1);
        mlt.setMinDocFreq(1);
        mlt.setMinWordLen(RelatedQuery.MIN_WORD_LENGTH);
        mlt.setMaxQueryTerms(RelatedQuery.MAX_QUERY_TERMS);
        mlt.setMaxNumTokensParsed(RelatedQuery.MAX_TOKENS_FOR_CANDIDATES);
        mlt.setStopWords(RelatedIndex.STOP_WORDS);
        return mlt.like(RelatedIndex.TEXT, new StringReader(text));
    }

    /** Random phrases of a small vocabulary: many shared terms, ties in tf × idf, stop words, short tokens. */
    private static RawArticle article(String id, Random random) {
        List<String> body = new ArrayList<>();
        int words = 80 + random.nextInt(500);
        for (int i = 0; i < words; i++) {
            body.add(WORDS.get(random.nextInt(WORDS.size())));
        }
        String headline = String.join(" ", body.subList(0, 6));
        return SeedArticle.other(id, "vi", headline, String.join(" ", body.subList(6, 20)),
                String.join(" ", body.subList(20, body.size())), T0.minusSeconds(random.nextInt(86_400 * 30)));
    }
}

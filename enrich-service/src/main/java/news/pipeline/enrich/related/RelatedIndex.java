package news.pipeline.enrich.related;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import news.pipeline.enrich.text.Folding;
import news.pipeline.events.Category;
import news.pipeline.events.EnrichedArticle;
import news.pipeline.events.PubStatus;
import news.pipeline.events.RawArticle;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermVectors;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.index.StoredFields;

/**
 * The local related-articles index (Lucene): one document per article id — the latest version
 * seen — with its language, title, text, URL, publication time and top-level topics. It is fed
 * with every article enriched, and rebuilt from the enriched topic at start-up, so related links
 * never depend on Elasticsearch.
 *
 * <p>Query: the terms MoreLikeThis would pick from the opening of the new article's headline, lead and
 * body ({@link RelatedQuery}) find candidates, restricted
 * to the same language, excluding the article's own id (hence all its versions) and its own URL. Each
 * candidate's score is relevance × recency: relevance = cosine similarity of the two texts' term
 * vectors (folded words and two-word shingles, stop words left out, 1 + ln tf; independent of the rest
 * of the index, so an article processed twice gets the same scores), recency = 0.5 + 0.5 × 2^(−|Δdays| / halfLifeDays)
 * between the two articles' publication times. The best {@code maxResults} at or above
 * {@code minScore} are kept, ties broken by id.
 */
public class RelatedIndex implements AutoCloseable {

    static final String ID = "id";
    static final String LANG = "lang";
    static final String URI = "uri";
    static final String TITLE = "title";
    static final String TEXT = "text";
    static final String PUBLISHED = "published";
    static final String TOPICS = "topics";
    /** The norm of the article's term vector ({@link RelatedQuery#norm()}), for the cosine of a candidate. */
    static final String NORM = "norm";
    /** Indexed text with its term vector kept, so a candidate's vector needs no second analysis. */
    private static final FieldType TEXT_WITH_TERM_VECTORS = textWithTermVectors();

    private static FieldType textWithTermVectors() {
        FieldType type = new FieldType(TextField.TYPE_NOT_STORED);
        type.setStoreTermVectors(true);
        type.freeze();
        return type;
    }
    static final int MAX_QUERY_CHARS = 20_000;

    static final Set<String> STOP_WORDS = Set.of(
            // Vietnamese function words, folded
            "va", "cua", "cac", "la", "duoc", "co", "nhung", "trong", "cho", "voi", "nguoi", "khong", "nay",
            "da", "mot", "tai", "den", "tu", "ve", "theo", "khi", "nam", "cung", "nhieu", "de", "se", "vao", "ra",
            "thi", "do", "nhu", "tren", "o",
            // English
            "the", "and", "of", "to", "in", "is", "for", "on", "that", "with", "was", "are", "as", "by", "at",
            "from", "it", "an", "be", "has", "have", "a", "its", "this", "after", "said");

    private final RelatedSettings settings;
    private final Directory directory;
    private final FoldingAnalyzer analyzer = new FoldingAnalyzer();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    /** Changes since the last refresh; volatile: the consumer threads share the index. */
    private volatile boolean changed;
    private volatile long lastRefreshNanos = System.nanoTime();

    public RelatedIndex(Directory directory, RelatedSettings settings) {
        this.settings = settings;
        this.directory = directory;
        try {
            this.writer = new IndexWriter(directory, new IndexWriterConfig(analyzer)
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
            this.searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the related-articles index", e);
        }
    }

    /**
     * Adds or replaces the article; a canceled or withheld article is removed instead. Queries see it
     * within {@link RelatedSettings#refreshInterval()}.
     */
    public void accept(EnrichedArticle enriched) {
        accept(enriched, null);
    }

    /** As {@link #accept(EnrichedArticle)}, with the article's text already analysed by {@link #analyse}. */
    public void accept(EnrichedArticle enriched, RelatedQuery analysed) {
        RawArticle article = enriched.getArticle();
        try {
            if (article.getPubStatus() != PubStatus.usable || article.getHeadline() == null) {
                writer.deleteDocuments(new Term(ID, enriched.getId()));
            } else {
                writer.updateDocument(new Term(ID, enriched.getId()),
                        document(enriched, analysed != null ? analysed : analyse(article)));
            }
            changed = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update the related-articles index", e);
        }
    }

    public void delete(String id) {
        try {
            writer.deleteDocuments(new Term(ID, id));
            changed = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update the related-articles index", e);
        }
    }

    /**
     * Makes every change so far visible to queries. A refresh writes a new segment: refreshing after each
     * article made a segment per article (and their merges) the larger part of enrich-service's CPU, so
     * {@link #find} refreshes at most once per {@link RelatedSettings#refreshInterval()}.
     */
    public void refresh() {
        try {
            changed = false;
            searchers.maybeRefreshBlocking();
            lastRefreshNanos = System.nanoTime();
        } catch (IOException e) {
            changed = true;
            throw new UncheckedIOException("cannot refresh the related-articles index", e);
        }
    }

    private void refreshIfDue() {
        if (changed && System.nanoTime() - lastRefreshNanos >= settings.refreshInterval().toNanos()) {
            refresh();
        }
    }

    private Document document(EnrichedArticle enriched, RelatedQuery analysed) {
        RawArticle article = enriched.getArticle();
        Document doc = new Document();
        doc.add(new StringField(ID, enriched.getId(), Field.Store.YES));
        doc.add(new StringField(LANG, language(enriched), Field.Store.NO));
        if (article.getUri() != null) {
            doc.add(new StringField(URI, article.getUri(), Field.Store.YES));
        }
        doc.add(new StoredField(TITLE, article.getHeadline()));
        doc.add(new Field(TEXT, analysed.tokenStream(), TEXT_WITH_TERM_VECTORS));
        doc.add(new StoredField(NORM, analysed.norm()));
        doc.add(new StoredField(PUBLISHED, publishedAt(article).toEpochMilli()));
        Set<String> topLevel = new HashSet<>();
        for (Category category : enriched.getCategories()) {
            topLevel.add(category.getParentCode() != null ? category.getParentCode() : category.getCode());
        }
        topLevel.stream().sorted().forEach(code -> doc.add(new StoredField(TOPICS, code)));
        return doc;
    }

    private static String language(EnrichedArticle enriched) {
        String detected = enriched.getDetectedLanguage();
        return detected != null ? detected : "und";
    }

    /** The article's text analysed once, for {@link #find} and {@link #accept(EnrichedArticle, RelatedQuery)}. */
    public RelatedQuery analyse(RawArticle article) {
        return RelatedQuery.analyse(analyzer, TEXT, queryText(article), STOP_WORDS);
    }

    public List<RelatedHit> find(RawArticle article, String language) {
        return find(article, language, analyse(article));
    }

    public List<RelatedHit> find(RawArticle article, String language, RelatedQuery analysed) {
        if (analysed.isEmpty()) {
            return List.of();
        }
        refreshIfDue();
        IndexSearcher searcher;
        try {
            searcher = searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            if (searcher.getIndexReader().numDocs() == 0) {
                return List.of();
            }
            // Candidates come from the opening (headline twice, lead, first paragraphs); the score below
            // compares the whole texts.
            Query like = analysed.candidates(searcher, TEXT);
            if (like == null) {
                return List.of();
            }
            BooleanQuery.Builder query = new BooleanQuery.Builder()
                    .add(like, BooleanClause.Occur.MUST)
                    .add(new TermQuery(new Term(LANG, language)), BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term(ID, article.getId())), BooleanClause.Occur.MUST_NOT);
            if (article.getUri() != null) {
                query.add(new TermQuery(new Term(URI, article.getUri())), BooleanClause.Occur.MUST_NOT);
            }
            ScoreDoc[] top = searcher.search(query.build(), Math.max(settings.maxResults() * 4, 20)).scoreDocs;
            StoredFields stored = searcher.storedFields();
            TermVectors termVectors = searcher.getIndexReader().termVectors();
            Instant at = publishedAt(article);
            List<RelatedHit> hits = new ArrayList<>();
            for (ScoreDoc hit : top) {
                Document doc = stored.document(hit.doc);
                Instant published = Instant.ofEpochMilli(doc.getField(PUBLISHED).numericValue().longValue());
                double relevance = analysed.cosine(termVectors.get(hit.doc, TEXT), candidateNorm(doc));
                double score = round(relevance * recency(at, published));
                if (score >= settings.minScore()) {
                    hits.add(new RelatedHit(doc.get(ID), doc.get(TITLE), doc.get(URI), score, published,
                            Arrays.asList(doc.getValues(TOPICS))));
                }
            }
            hits.sort(Comparator.comparingDouble(RelatedHit::score).reversed().thenComparing(RelatedHit::id));
            return hits.size() > settings.maxResults() ? List.copyOf(hits.subList(0, settings.maxResults())) : hits;
        } catch (IOException e) {
            throw new UncheckedIOException("related-articles query failed", e);
        } finally {
            try {
                searchers.release(searcher);
            } catch (IOException ignored) {
                // released or closed already
            }
        }
    }

    /**
     * The candidate's norm, stored when it was indexed (every document has one: the index is rebuilt
     * from the enriched topic at every start); a document without one scores 0.
     */
    private static double candidateNorm(Document doc) {
        IndexableField stored = doc.getField(NORM);
        return stored == null ? 0 : stored.numericValue().doubleValue();
    }

    static boolean isStop(String token) {
        int space = token.indexOf(' ');
        if (space < 0) {
            return STOP_WORDS.contains(token) || token.length() < 2;
        }
        return STOP_WORDS.contains(token.substring(0, space)) && STOP_WORDS.contains(token.substring(space + 1));
    }

    double recency(Instant a, Instant b) {
        double days = Math.abs(Duration.between(a, b).toMillis()) / 86_400_000.0;
        return 0.5 + 0.5 * Math.pow(2, -days / settings.halfLifeDays());
    }

    static String queryText(RawArticle article) {
        StringBuilder text = new StringBuilder();
        for (String part : new String[] {article.getHeadline(), article.getHeadline(), article.getSubheadline(),
                article.getBodyText()}) {
            if (part != null) {
                text.append(part).append('\n');
            }
        }
        String full = text.toString();
        return full.length() > MAX_QUERY_CHARS ? full.substring(0, MAX_QUERY_CHARS) : full;
    }

    /** First publication when known, else this version's time. */
    static Instant publishedAt(RawArticle article) {
        return article.getFirstCreated() != null ? article.getFirstCreated() : article.getVersionCreated();
    }

    SearcherManager searchersForTest() {
        return searchers;
    }

    /** Articles held, every change so far included. */
    public int size() {
        if (changed) {
            refresh();
        }
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return searcher.getIndexReader().numDocs();
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double round(double score) {
        return Math.round(score * 10_000) / 10_000.0;
    }

    static String fold(String text) {
        return Folding.fold(text);
    }

    @Override
    public void close() {
        try {
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

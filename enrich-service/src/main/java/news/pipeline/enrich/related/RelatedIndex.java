package news.pipeline.enrich.related;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import news.pipeline.events.Category;
import news.pipeline.events.CategorySource;
import news.pipeline.events.EnrichedArticle;
import news.pipeline.events.PubStatus;
import news.pipeline.events.RawArticle;

/**
 * The related-articles index, in memory: one entry per article id — the latest version seen — with its
 * language, title, URL, publication time, top-level topics and term counts, plus an inverted index from
 * each term to the articles holding it. It is fed with every article enriched, and rebuilt from the
 * enriched topic at start-up, so related links never depend on Elasticsearch. A change is visible to
 * the next query.
 *
 * <p>How an article's related articles are found:
 * <ol>
 *   <li><b>Query terms</b>: the {@value #MAX_QUERY_TERMS} terms of the article's opening (headline twice,
 *       lead, body; the first {@value RelatedQuery#MAX_TOKENS_FOR_CANDIDATES} tokens) with the highest
 *       tf × idf, idf = 1 + ln((N + 1) / (df + 1)) over the N articles held; ties by term.</li>
 *   <li><b>Candidates</b>: the best max(4 × maxResults, 20) articles of the same language, other than the
 *       article itself (any version) and its URL, by BM25 over those terms (k1 = 1.2, b = 0.75, lengths in
 *       words); ties by the order they were indexed in.</li>
 *   <li><b>Score</b>: relevance × recency. Relevance = cosine of the two whole texts' term vectors (folded
 *       words and two-word shingles, stop words out, 1 + ln tf; it depends on the two texts only, so an
 *       article processed twice gets the same scores); recency = 0.5 + 0.5 × 2^(−|Δdays| / halfLifeDays)
 *       between the publication times. The best {@code maxResults} at or above {@code minScore} are kept,
 *       ties broken by id.</li>
 * </ol>
 *
 * <p>Why not Lucene: with a Lucene index (a segment per refresh, their merges, term vectors and stored
 * fields read back per candidate) this was 85 % of enrich-service's CPU; here a query walks the
 * postings of its terms once and compares arrays of term ids.
 */
public class RelatedIndex implements AutoCloseable {

    static final int MAX_QUERY_TERMS = 50;
    /**
     * A term held by more articles than this (at least {@value #MIN_MAX_DOC_FREQ}, else 5 % of the articles
     * held) does not choose candidates: such a term says little about what an article is about, and walking
     * its postings was most of a query's cost with 100 000 articles held (MoreLikeThis' maxDocFreq).
     */
    static final int MIN_MAX_DOC_FREQ = 2_000;
    static final double MAX_DOC_FREQ_SHARE = 0.05;
    static final int MAX_QUERY_CHARS = 20_000;
    private static final double K1 = 1.2;
    private static final double B = 0.75;
    /** Entries of replaced or removed articles tolerated before the arrays are compacted. */
    private static final int MIN_DEAD_BEFORE_COMPACTION = 1_000;

    /** 1 + ln tf for every count a term can have. */
    private static final double[] WEIGHTS = new double[RelatedQuery.MAX_TF + 1];

    static {
        for (int tf = 1; tf <= RelatedQuery.MAX_TF; tf++) {
            WEIGHTS[tf] = RelatedQuery.weight(tf);
        }
    }

    private final RelatedSettings settings;
    private final FoldingAnalyzer analyzer = new FoldingAnalyzer();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /** Per query thread: the BM25 accumulator, indexed by slot. */
    private final ThreadLocal<float[]> scratch = ThreadLocal.withInitial(() -> new float[0]);

    // ---- guarded by lock ----
    private final Map<String, Integer> termIds = new HashMap<>();
    private int[] docFreq = new int[1024];
    /** Per term: slot << 8 | tf of every entry holding it (dead ones included until compaction). */
    private int[][] postings = new int[1024][];
    private int[] postingCount = new int[1024];
    private final Map<String, Integer> languageIds = new HashMap<>();
    private final Map<String, Integer> slotById = new HashMap<>();
    private Entry[] entries = new Entry[1024];
    /** Per slot, for the postings walk without visiting each entry: its length in words, its language (-1: gone). */
    private int[] wordsBySlot = new int[1024];
    private int[] languageBySlot = new int[1024];
    private int slots;
    private int live;
    private long liveWords;

    /** One article held: what a hit reports, and its vector as term ids in ascending order with their counts. */
    private record Entry(String id, String title, String uri, long publishedMillis, List<String> topLevelCodes,
            int language, int[] terms, byte[] counts, double norm, int words) {
    }

    public RelatedIndex(RelatedSettings settings) {
        this.settings = settings;
    }

    /** Adds or replaces the article; a canceled or withheld article is removed instead. */
    public void accept(EnrichedArticle enriched) {
        accept(enriched, null);
    }

    /** As {@link #accept(EnrichedArticle)}, with the article's text already analysed by {@link #analyse}. */
    public void accept(EnrichedArticle enriched, RelatedQuery analysed) {
        RawArticle article = enriched.getArticle();
        if (article.getPubStatus() != PubStatus.usable || article.getHeadline() == null) {
            delete(enriched.getId());
            return;
        }
        RelatedQuery text = analysed != null ? analysed : analyse(article);
        lock.writeLock().lock();
        try {
            remove(enriched.getId());
            add(enriched, article, text);
        } finally {
            lock.writeLock().unlock();
        }
    }

    public void delete(String id) {
        lock.writeLock().lock();
        try {
            remove(id);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void add(EnrichedArticle enriched, RawArticle article, RelatedQuery text) {
        // the vector as term ids in ascending order, each with its count (at most 255: one byte)
        int[] ids = text.termIds();
        int[] counts = text.counts();
        long[] packed = new long[counts.length];
        for (int i = 0; i < counts.length; i++) {
            int id = ids != null && ids[i] >= 0 ? ids[i] : termId(text.terms()[i]);
            packed[i] = (long) id << 8 | counts[i];
        }
        Arrays.sort(packed);
        int n = packed.length;
        int[] terms = new int[n];
        byte[] tfs = new byte[n];
        for (int i = 0; i < n; i++) {
            terms[i] = (int) (packed[i] >>> 8);
            tfs[i] = (byte) packed[i];
        }
        // the topics this article can vote for as a neighbour: only those with evidence of its own (feed or text),
        // never ones it got from its neighbours' votes, so a wrong topic cannot reinforce itself
        Set<String> topLevel = new TreeSet<>();
        for (Category category : enriched.getCategories()) {
            if (category.getSource() != CategorySource.SIMILAR_ARTICLES) {
                topLevel.add(category.getParentCode() != null ? category.getParentCode() : category.getCode());
            }
        }
        String language = enriched.getDetectedLanguage() != null ? enriched.getDetectedLanguage() : "und";
        Entry entry = new Entry(enriched.getId(), article.getHeadline(), article.getUri(),
                publishedAt(article).toEpochMilli(), List.copyOf(topLevel),
                languageIds.computeIfAbsent(language, l -> languageIds.size()), terms, tfs, text.norm(), text.words());
        int slot = slots++;
        if (slot == entries.length) {
            entries = Arrays.copyOf(entries, slot * 2);
            wordsBySlot = Arrays.copyOf(wordsBySlot, slot * 2);
            languageBySlot = Arrays.copyOf(languageBySlot, slot * 2);
        }
        entries[slot] = entry;
        wordsBySlot[slot] = entry.words();
        languageBySlot[slot] = entry.language();
        slotById.put(entry.id(), slot);
        for (int i = 0; i < terms.length; i++) {
            addPosting(terms[i], slot, tfs[i] & 0xff);
            docFreq[terms[i]]++;
        }
        live++;
        liveWords += entry.words();
    }

    private int termId(String term) {
        Integer id = termIds.get(term);
        if (id != null) {
            return id;
        }
        int next = termIds.size();
        termIds.put(term, next);
        if (next == docFreq.length) {
            docFreq = Arrays.copyOf(docFreq, next * 2);
            postings = Arrays.copyOf(postings, next * 2);
            postingCount = Arrays.copyOf(postingCount, next * 2);
        }
        return next;
    }

    private void addPosting(int term, int slot, int tf) {
        int[] list = postings[term];
        int size = postingCount[term];
        if (list == null) {
            list = postings[term] = new int[2];
        } else if (size == list.length) {
            list = postings[term] = Arrays.copyOf(list, size * 2);
        }
        list[size] = slot << 8 | tf;
        postingCount[term] = size + 1;
    }

    private void remove(String id) {
        Integer slot = slotById.remove(id);
        if (slot == null) {
            return;
        }
        Entry entry = entries[slot];
        entries[slot] = null; // its postings stay until compaction; queries skip them
        languageBySlot[slot] = -1;
        for (int term : entry.terms()) {
            docFreq[term]--;
        }
        live--;
        liveWords -= entry.words();
        if (slots - live > Math.max(MIN_DEAD_BEFORE_COMPACTION, live)) {
            compact();
        }
    }

    /** Renumbers the live entries in order and rebuilds the postings without the dead ones. */
    private void compact() {
        int capacity = Math.max(1024, live * 2);
        Entry[] kept = new Entry[capacity];
        int n = 0;
        for (int slot = 0; slot < slots; slot++) {
            if (entries[slot] != null) {
                kept[n++] = entries[slot];
            }
        }
        Arrays.fill(postingCount, 0);
        slotById.clear();
        wordsBySlot = new int[capacity];
        languageBySlot = new int[capacity];
        for (int slot = 0; slot < n; slot++) {
            Entry entry = kept[slot];
            slotById.put(entry.id(), slot);
            wordsBySlot[slot] = entry.words();
            languageBySlot[slot] = entry.language();
            for (int i = 0; i < entry.terms().length; i++) {
                addPosting(entry.terms()[i], slot, entry.counts()[i] & 0xff);
            }
        }
        entries = kept;
        slots = n;
    }

    /** The article's text analysed once, for {@link #find} and {@link #accept(EnrichedArticle, RelatedQuery)}. */
    public RelatedQuery analyse(RawArticle article) {
        return RelatedQuery.analyse(analyzer, queryText(article));
    }

    public List<RelatedHit> find(RawArticle article, String language) {
        return find(article, language, analyse(article));
    }

    public List<RelatedHit> find(RawArticle article, String language, RelatedQuery analysed) {
        if (analysed.isEmpty()) {
            return List.of();
        }
        lock.readLock().lock();
        try {
            Integer languageId = languageIds.get(language);
            if (live == 0 || languageId == null) {
                return List.of();
            }
            resolve(analysed);
            int[] candidates = candidates(article, languageId, queryTerms(analysed));
            return score(article, analysed, candidates);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Looks each of the text's terms up once; {@link #add} and the steps below use the ids. */
    private void resolve(RelatedQuery analysed) {
        String[] terms = analysed.terms();
        int[] ids = new int[terms.length];
        for (int i = 0; i < terms.length; i++) {
            Integer id = termIds.get(terms[i]);
            ids[i] = id == null ? -1 : id;
        }
        analysed.termIds(ids);
    }

    /** Step 1: the opening's best terms by tf × idf, as term ids. */
    private int[] queryTerms(RelatedQuery analysed) {
        record Scored(int term, String text, double score) {
        }
        int[] ids = analysed.termIds();
        int[] opening = analysed.openingCounts();
        List<Scored> scored = new ArrayList<>();
        int maxDocFreq = Math.max(MIN_MAX_DOC_FREQ, (int) (MAX_DOC_FREQ_SHARE * live));
        for (int i = 0; i < ids.length; i++) {
            if (opening[i] > 0 && ids[i] >= 0 && docFreq[ids[i]] > 0 && docFreq[ids[i]] <= maxDocFreq) {
                double idf = 1 + Math.log((live + 1) / (double) (docFreq[ids[i]] + 1));
                scored.add(new Scored(ids[i], analysed.terms()[i], opening[i] * idf));
            }
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparing(Scored::text));
        return scored.stream().limit(MAX_QUERY_TERMS).mapToInt(Scored::term).toArray();
    }

    /** Step 2: BM25 of every entry holding a query term; the best few of the same language, not the article. */
    private int[] candidates(RawArticle article, int languageId, int[] queryTerms) {
        float[] scores = scratch.get();
        if (scores.length < slots) {
            scores = new float[Math.max(slots, scores.length * 2)];
            scratch.set(scores);
        }
        int[] touched = new int[64];
        int touchedCount = 0;
        double averageWords = Math.max(1, liveWords / (double) live);
        for (int term : queryTerms) {
            int df = docFreq[term];
            double idf = Math.log(1 + (live - df + 0.5) / (df + 0.5));
            int[] list = postings[term];
            for (int p = 0, size = postingCount[term]; p < size; p++) {
                int slot = list[p] >>> 8;
                if (languageBySlot[slot] < 0) {
                    continue; // replaced or removed
                }
                int tf = list[p] & 0xff;
                double score = idf * tf / (tf + K1 * (1 - B + B * wordsBySlot[slot] / averageWords));
                if (scores[slot] == 0) {
                    if (touchedCount == touched.length) {
                        touched = Arrays.copyOf(touched, touchedCount * 2);
                    }
                    touched[touchedCount++] = slot;
                }
                scores[slot] += (float) score;
            }
        }
        Integer self = slotById.get(article.getId());
        String uri = article.getUri();
        TopSlots best = new TopSlots(Math.max(settings.maxResults() * 4, 20));
        for (int t = 0; t < touchedCount; t++) {
            int slot = touched[t];
            float score = scores[slot];
            scores[slot] = 0; // cleared for the next query on this thread
            // cheapest test first: most entries score below the worst of a full heap
            if (best.admits(slot, score) && languageBySlot[slot] == languageId && (self == null || self != slot)
                    && (uri == null || !uri.equals(entries[slot].uri()))) {
                best.offer(slot, score);
            }
        }
        return best.slots();
    }

    /** Step 3: relevance × recency of each candidate; the best {@code maxResults} at or above {@code minScore}. */
    private List<RelatedHit> score(RawArticle article, RelatedQuery analysed, int[] candidates) {
        // the article's vector as term ids in ascending order (terms the index has never seen match nothing)
        int[] ids = analysed.termIds();
        int[] counts = analysed.counts();
        long[] packed = new long[ids.length];
        int known = 0;
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] >= 0) {
                packed[known++] = (long) ids[i] << 8 | counts[i];
            }
        }
        Arrays.sort(packed, 0, known);
        int[] queryIds = new int[known];
        double[] queryWeights = new double[known];
        for (int i = 0; i < known; i++) {
            queryIds[i] = (int) (packed[i] >>> 8);
            queryWeights[i] = WEIGHTS[(int) (packed[i] & 0xff)];
        }
        Instant at = publishedAt(article);
        List<RelatedHit> hits = new ArrayList<>();
        for (int slot : candidates) {
            Entry entry = entries[slot];
            double relevance = cosine(queryIds, queryWeights, known, analysed.norm(), entry);
            Instant published = Instant.ofEpochMilli(entry.publishedMillis());
            double score = round(relevance * recency(at, published));
            if (score >= settings.minScore()) {
                hits.add(new RelatedHit(entry.id(), entry.title(), entry.uri(), score, published, entry.topLevelCodes()));
            }
        }
        hits.sort(Comparator.comparingDouble(RelatedHit::score).reversed().thenComparing(RelatedHit::id));
        return hits.size() > settings.maxResults() ? List.copyOf(hits.subList(0, settings.maxResults())) : hits;
    }

    /** Cosine of two vectors of ascending term ids: one merge, no strings. */
    private static double cosine(int[] ids, double[] weights, int size, double norm, Entry entry) {
        if (size == 0 || norm == 0 || entry.norm() == 0) {
            return 0;
        }
        int[] other = entry.terms();
        byte[] otherCounts = entry.counts();
        double dot = 0;
        int i = 0;
        int j = 0;
        while (i < size && j < other.length) {
            if (ids[i] < other[j]) {
                i++;
            } else if (ids[i] > other[j]) {
                j++;
            } else {
                dot += weights[i] * WEIGHTS[otherCounts[j] & 0xff];
                i++;
                j++;
            }
        }
        return dot / (norm * entry.norm());
    }

    /** The best n slots by score, ties to the lower slot (indexed earlier): a bounded heap, worst on top. */
    private static final class TopSlots {
        private final int[] slots;
        private final float[] scores;
        private int size;

        TopSlots(int n) {
            slots = new int[n];
            scores = new float[n];
        }

        /** True when (score a, slot a) ranks below (score b, slot b). */
        private static boolean worse(float a, int slotA, float b, int slotB) {
            return a < b || (a == b && slotA > slotB);
        }

        /** False when the heap is full and (score, slot) ranks below its worst. */
        boolean admits(int slot, float score) {
            return size < slots.length || worse(scores[0], slots[0], score, slot);
        }

        void offer(int slot, float score) {
            if (size < slots.length) {
                int i = size++;
                while (i > 0) {
                    int parent = (i - 1) / 2;
                    if (!worse(score, slot, scores[parent], slots[parent])) {
                        break;
                    }
                    slots[i] = slots[parent];
                    scores[i] = scores[parent];
                    i = parent;
                }
                slots[i] = slot;
                scores[i] = score;
            } else if (worse(scores[0], slots[0], score, slot)) {
                int i = 0;
                while (true) {
                    int child = 2 * i + 1;
                    if (child >= size) {
                        break;
                    }
                    if (child + 1 < size && worse(scores[child + 1], slots[child + 1], scores[child], slots[child])) {
                        child++;
                    }
                    if (!worse(scores[child], slots[child], score, slot)) {
                        break;
                    }
                    slots[i] = slots[child];
                    scores[i] = scores[child];
                    i = child;
                }
                slots[i] = slot;
                scores[i] = score;
            }
        }

        /** The slots held, best first. */
        int[] slots() {
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> worse(scores[a], slots[a], scores[b], slots[b]) ? 1
                    : worse(scores[b], slots[b], scores[a], slots[a]) ? -1 : 0);
            int[] best = new int[size];
            for (int i = 0; i < size; i++) {
                best[i] = slots[order[i]];
            }
            return best;
        }
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

    /** Articles held. */
    public int size() {
        lock.readLock().lock();
        try {
            return live;
        } finally {
            lock.readLock().unlock();
        }
    }

    private static double round(double score) {
        return Math.round(score * 10_000) / 10_000.0;
    }

    /** Drops everything held. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            termIds.clear();
            slotById.clear();
            entries = new Entry[0];
            postings = new int[0][];
            slots = 0;
            live = 0;
        } finally {
            lock.writeLock().unlock();
        }
    }
}

package news.pipeline.ingest.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import news.pipeline.ingest.events.EventRejectedException;
import news.pipeline.ingest.events.EventStoreUnavailableException;
import news.pipeline.ingest.feeds.FeedAccessInterceptor;
import news.pipeline.ingest.feeds.FeedContext;
import news.pipeline.ingest.identity.ArticleIds;
import news.pipeline.ingest.model.InvalidArticleException;
import news.pipeline.ingest.model.ParsedArticle;
import news.pipeline.ingest.parse.ArticleParser;
import news.pipeline.ingest.parse.JsonArticleParser;
import news.pipeline.ingest.parse.JsonBodies;
import news.pipeline.ingest.parse.ParseContext;
import news.pipeline.ingest.parse.SyndicationParser;
import news.pipeline.ingest.service.ArticleIngestor;
import news.pipeline.ingest.service.IngestMetrics;
import news.pipeline.ingest.service.IngestOutcome;
import news.pipeline.ingest.service.SourceHints;
import news.pipeline.ingest.service.StaleVersionException;
import news.pipeline.ingest.web.Receipts.ArticleReceipt;
import news.pipeline.ingest.web.Receipts.BatchItem;
import news.pipeline.ingest.web.Receipts.BatchReceipt;
import news.pipeline.ingest.web.Receipts.ItemProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The intake API. Every endpoint answers only after Kafka acknowledged the event (or after deciding
 * nothing needs to be written). Request bodies are read here, not bound by Spring, so the size
 * limit applies while reading and the format is chosen from the Content-Type alone.
 */
@RestController
@RequestMapping("/feeds/{feed}/articles")
@Tag(name = "articles", description = "Post, re-post and kill wire-feed articles")
public class ArticleIntakeController {

    private final ArticleFormats formats;
    private final ArticleIngestor ingestor;
    private final IngestMetrics metrics;
    private final Problems problems;
    private final JsonMapper mapper;
    private final WebSettings.Limits limits;

    public ArticleIntakeController(ArticleFormats formats, ArticleIngestor ingestor, IngestMetrics metrics,
            Problems problems, JsonMapper mapper, WebSettings settings) {
        this.formats = formats;
        this.ingestor = ingestor;
        this.metrics = metrics;
        this.problems = problems;
        this.mapper = mapper;
        this.limits = settings.limits();
    }

    @PostMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "postArticle", summary = "Post one article",
            description = "The format is chosen by Content-Type: application/json (own format), application/ninjs+json "
                    + "or application/vnd.iptc.ninjs+json (IPTC ninjs 1.x/2.x), text/plain (flattened page text), "
                    + "text/html (article page), application/vnd.iptc.g2.newsitem+xml or application/xml (a NewsML-G2 newsItem). "
                    + "202: written, with the article id and version; 200: identical to the "
                    + "current version, nothing written.")
    public ResponseEntity<ArticleReceipt> postArticle(
            @PathVariable String feed,
            @Parameter(description = "the source's id, for formats that carry none (page text)") @RequestParam(required = false) String sourceId,
            @Parameter(description = "the article's canonical URL, for formats that carry none (page text, HTML without canonical link)")
            @RequestParam(required = false) String url,
            @Parameter(hidden = true) HttpServletRequest request) {
        FeedContext context = feed(request);
        MediaType type = ArticleFormats.contentType(request.getContentType(), ArticleFormats.SINGLE);
        ArticleParser parser = formats.single(type);
        String body = RequestBodies.read(request, limits.maxBodySize(), ArticleFormats.charset(type));
        long start = System.nanoTime();
        String format = parser.format().wireName();
        try {
            ParseContext parseContext = new ParseContext(context.name(), context.settings().sourceTimeZone(), url);
            IngestOutcome outcome = ingestor.ingest(context, parser.parse(body, parseContext), new SourceHints(sourceId, url));
            metrics.latency(context.name(), format, outcomeName(outcome), System.nanoTime() - start);
            return answer(outcome);
        } catch (RuntimeException e) {
            metrics.latency(context.name(), format, "refused", System.nanoTime() - start);
            throw e;
        }
    }

    @PostMapping(path = "/batch", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "postBatch", summary = "Post several articles",
            description = "A JSON array (application/json: own format; application/ninjs+json: ninjs) or NDJSON "
                    + "(application/x-ndjson, one article per line; own format, or ninjs with format=ninjs), or NewsML-G2 "
                    + "(application/vnd.iptc.g2.newsmessage+xml, ...packageitem+xml, ...newsitem+xml or application/xml: "
                    + "each newsItem of a newsMessage is an item; a packageItem is refused, it holds no article), or an RSS 2.0 / "
                    + "Atom document (application/rss+xml, application/atom+xml: each entry is an item, as a WebSub hub "
                    + "delivers a feed's update; feeds can also be polled, see ingest.feeds.<feed>.poll). "
                    + "Answered item by item: accepted, unchanged or refused with a problem. Items of one article "
                    + "are applied in the batch's order. If Kafka becomes unavailable the answer is 503 with every "
                    + "item's outcome, those not sent marked not-attempted; re-posting the batch is safe.")
    public ResponseEntity<BatchReceipt> postBatch(
            @PathVariable String feed,
            @Parameter(description = "item format of an NDJSON batch: json (default) or ninjs") @RequestParam(required = false) String format,
            @Parameter(hidden = true) HttpServletRequest request) {
        FeedContext context = feed(request);
        MediaType type = ArticleFormats.contentType(request.getContentType(), ArticleFormats.BATCH);
        String body = RequestBodies.read(request, limits.maxBatchSize(), ArticleFormats.charset(type));
        ParseContext parseContext = new ParseContext(context.name(), context.settings().sourceTimeZone(), null);
        List<BatchEntry> entries;
        String itemFormat;
        if (ArticleFormats.isSyndication(type)) {
            SyndicationParser.Feed document = formats.syndication().parse(body, parseContext);
            entries = document.entries().stream().map(entry -> (BatchEntry) entry.item()::articleOrThrow).toList();
            itemFormat = document.format().wireName();
        } else if (ArticleFormats.isXml(type)) {
            entries = formats.newsMl().items(body, parseContext).stream().map(item -> (BatchEntry) item::articleOrThrow).toList();
            itemFormat = formats.newsMl().format().wireName();
        } else {
            JsonArticleParser parser = formats.batchItems(type, format);
            entries = ArticleFormats.NDJSON.equalsTypeAndSubtype(type) ? ndjson(body, parser, parseContext)
                    : jsonArray(body, parser, parseContext);
            itemFormat = parser.format().wireName();
        }
        if (entries.isEmpty()) {
            throw new InvalidArticleException("body", "contains no articles");
        }
        if (entries.size() > limits.maxBatchItems()) {
            throw new PayloadTooLargeException("the batch has " + entries.size() + " articles; at most "
                    + limits.maxBatchItems() + " are accepted per request");
        }
        BatchItem[] items = new BatchItem[entries.size()];
        long[] started = new long[entries.size()];
        // parsed and identified concurrently (the work is CPU: on every core); items of the same article are then
        // sent in the batch's order, different articles concurrently, so their sends share the producer's
        // batches instead of each waiting for its own acknowledgement
        ArticleIngestor.Prepared[] prepared = new ArticleIngestor.Prepared[entries.size()];
        AtomicReference<RuntimeException> unexpected = new AtomicReference<>();
        try (ExecutorService parsers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < entries.size(); i++) {
                int index = i;
                parsers.execute(() -> {
                    BatchEntry entry = entries.get(index);
                    started[index] = System.nanoTime();
                    try {
                        prepared[index] = ingestor.prepare(context, entry.read(), SourceHints.NONE);
                    } catch (InvalidArticleException e) {
                        items[index] = refused(context, index, HttpStatus.BAD_REQUEST, Problems.MALFORMED_INPUT,
                                "Malformed article", e.getMessage(), e);
                    } catch (RuntimeException e) {
                        unexpected.compareAndSet(null, e); // a bug: the whole request fails, as before anything is sent
                    }
                });
            }
        }
        if (unexpected.get() != null) {
            throw unexpected.get();
        }
        Map<String, List<Integer>> byArticle = new LinkedHashMap<>();
        for (int i = 0; i < prepared.length; i++) {
            if (prepared[i] != null) {
                byArticle.computeIfAbsent(prepared[i].id(), id -> new ArrayList<>()).add(i);
            }
        }
        AtomicReference<EventStoreUnavailableException> unavailable = new AtomicReference<>();
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (List<Integer> sameArticle : byArticle.values()) {
                senders.execute(() -> {
                    for (int i : sameArticle) {
                        if (unavailable.get() != null) {
                            items[i] = BatchItem.notAttempted(i);
                            continue;
                        }
                        items[i] = send(context, i, prepared[i], itemFormat, started[i], unavailable);
                    }
                });
            }
        }
        List<BatchItem> receipt = List.of(items);
        if (unavailable.get() != null) {
            throw new BatchUnavailableException(unavailable.get(), receipt);
        }
        return ResponseEntity.ok(BatchReceipt.of(receipt));
    }

    /** One batch item sent; Kafka or the registry unavailable leaves it not attempted and stops the rest. */
    private BatchItem send(FeedContext context, int index, ArticleIngestor.Prepared prepared, String itemFormat,
            long started, AtomicReference<EventStoreUnavailableException> unavailable) {
        try {
            IngestOutcome outcome = ingestor.emit(prepared);
            metrics.latency(context.name(), itemFormat, outcomeName(outcome), System.nanoTime() - started);
            return BatchItem.of(index, outcome);
        } catch (StaleVersionException e) {
            return refused(context, index, HttpStatus.CONFLICT, Problems.STALE_VERSION, "Stale version", e.getMessage(), null);
        } catch (EventRejectedException e) {
            return refused(context, index, HttpStatus.valueOf(e.status()), Problems.EVENT_REJECTED, "Event rejected",
                    e.getMessage(), null);
        } catch (EventStoreUnavailableException e) {
            unavailable.compareAndSet(null, e);
            return BatchItem.notAttempted(index);
        }
    }

    @DeleteMapping(path = "/{sourceId}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "killArticle", summary = "Kill an article by its source id",
            description = "Emits the article as canceled, so downstream removes it. Killing a killed article is unchanged (200).")
    public ResponseEntity<ArticleReceipt> killBySourceId(@PathVariable String feed, @PathVariable String sourceId,
            @Parameter(hidden = true) HttpServletRequest request) {
        return answer(ingestor.kill(feed(request), sourceId, null));
    }

    @DeleteMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "killArticleBy", summary = "Kill an article by source id, canonical URL or article id",
            description = "Exactly one of sourceId, url or id (the id this service answered when the article was accepted).")
    public ResponseEntity<ArticleReceipt> kill(@PathVariable String feed,
            @RequestParam(required = false) String sourceId,
            @RequestParam(required = false) String url,
            @RequestParam(required = false) String id,
            @Parameter(hidden = true) HttpServletRequest request) {
        FeedContext context = feed(request);
        long given = java.util.stream.Stream.of(sourceId, url, id).filter(v -> v != null && !v.isBlank()).count();
        if (given != 1) {
            throw new InvalidArticleException("sourceId", "give exactly one of the query parameters sourceId, url or id");
        }
        if (id != null && !id.isBlank()) {
            if (!ArticleIds.belongsTo(id.trim(), context.name())) {
                throw new InvalidArticleException("id", "is not an article id of feed '" + context.name() + "'");
            }
            return answer(ingestor.killById(context, id.trim()));
        }
        return answer(ingestor.kill(context, sourceId, url));
    }

    /** One item of a batch: read on a parser thread, or throwing why it cannot be read. */
    private interface BatchEntry {
        /** @throws InvalidArticleException refuses this item only */
        ParsedArticle read();
    }

    private List<BatchEntry> jsonArray(String body, JsonArticleParser parser, ParseContext parseContext) {
        JsonNode root = JsonBodies.read(mapper, body);
        if (!root.isArray()) {
            throw new InvalidArticleException("body", "must be a JSON array of articles");
        }
        return root.values().stream().map(node -> (BatchEntry) () -> parser.parseNode(node, parseContext)).toList();
    }

    /** One article per non-blank line; a line that is not JSON refuses that item only. */
    private List<BatchEntry> ndjson(String body, JsonArticleParser parser, ParseContext parseContext) {
        List<BatchEntry> entries = new ArrayList<>();
        int lineNumber = 0;
        for (String line : body.split("\\r?\\n")) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode node = JsonBodies.readObject(mapper, line);
                entries.add(() -> parser.parseNode(node, parseContext));
            } catch (InvalidArticleException e) {
                InvalidArticleException problem = new InvalidArticleException("line " + lineNumber,
                        e.errors().getFirst().problem());
                entries.add(() -> {
                    throw problem;
                });
            }
        }
        return entries;
    }

    private BatchItem refused(FeedContext feed, int index, HttpStatus status, String slug, String title, String detail,
            InvalidArticleException invalid) {
        metrics.refused(feed.name(), slug);
        return BatchItem.refused(index, new ItemProblem(problems.type(slug), title, status.value(), detail,
                invalid == null ? List.of() : invalid.errors()));
    }

    private static ResponseEntity<ArticleReceipt> answer(IngestOutcome outcome) {
        HttpStatus status = outcome instanceof IngestOutcome.Accepted ? HttpStatus.ACCEPTED : HttpStatus.OK;
        return ResponseEntity.status(status).body(ArticleReceipt.of(outcome));
    }

    private static String outcomeName(IngestOutcome outcome) {
        return outcome instanceof IngestOutcome.Accepted ? "accepted" : "unchanged";
    }

    private static FeedContext feed(HttpServletRequest request) {
        return (FeedContext) request.getAttribute(FeedAccessInterceptor.FEED_ATTRIBUTE);
    }
}

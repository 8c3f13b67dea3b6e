package news.pipeline.benchmark.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import news.pipeline.benchmark.RunClock;
import news.pipeline.benchmark.generate.GeneratedArticle;

/**
 * Posts articles to ingest-service ({@code POST /feeds/{feed}/articles}) from a fixed pool of
 * {@code concurrency} workers. At full speed each worker posts its next article as soon as the
 * previous one is answered (closed loop). With a target rate, article {@code i} is due at
 * {@code start + i / rate}; a free worker waits until it is due, so the pool sends at the rate unless
 * all workers are busy (then sending falls behind, which the outcome records as lateness).
 *
 * <p>A 429 (feed rate limit) or 503 (Kafka unavailable) is retried after its Retry-After (at most
 * 1 s) up to {@link #MAX_ATTEMPTS} times; latency is always counted from the first attempt.
 */
public final class HttpPoster {

    static final int MAX_ATTEMPTS = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What happened to one article.
     *
     * @param status     final HTTP status (202 accepted, 200 unchanged, else refused; 0 = no answer)
     * @param scheduledMs when it was due (paced phases; = sentMs at full speed)
     * @param sentMs     when the first attempt was sent (epoch ms)
     * @param answeredMs when the final answer arrived (epoch ms)
     */
    public record Outcome(int index, String feed, String articleId, int status, int attempts, int throttled,
            double scheduledMs, double sentMs, double answeredMs, String error) {

        public boolean accepted() {
            return status == 202 || status == 200;
        }

        public double answerMs() {
            return answeredMs - sentMs;
        }

        public double lateMs() {
            return Math.max(0, sentMs - scheduledMs);
        }
    }

    private final String ingestUrl;
    private final HttpClient http;

    public HttpPoster(String ingestUrl) {
        this.ingestUrl = ingestUrl;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /**
     * Posts every article and returns the outcomes in article order.
     *
     * @param ratePerSecond 0 for full speed, else the target rate
     * @param onAnswer      called from the worker thread as soon as an article is answered
     */
    public List<Outcome> postAll(List<GeneratedArticle> articles, int concurrency, double ratePerSecond,
            Consumer<Outcome> onAnswer) {
        Outcome[] outcomes = new Outcome[articles.size()];
        AtomicInteger next = new AtomicInteger();
        double startMs = RunClock.nowMs();
        boolean paced = RatePacer.paced(ratePerSecond);
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            workers.add(Thread.ofPlatform().name("poster-" + w).start(() -> {
                int i;
                while ((i = next.getAndIncrement()) < articles.size()) {
                    double due = paced ? startMs + RatePacer.scheduledOffsetMs(i, ratePerSecond) : RunClock.nowMs();
                    if (paced) {
                        long wait = RatePacer.waitMs(RunClock.nowMs(), due);
                        if (wait > 0) {
                            RunClock.sleepMs(wait);
                        }
                    }
                    Outcome outcome = post(articles.get(i), i, due);
                    outcomes[i] = outcome;
                    if (onAnswer != null) {
                        onAnswer.accept(outcome);
                    }
                }
            }));
        }
        join(workers);
        return Arrays.asList(outcomes);
    }

    /** One batch request of the backfill: how many items and how long until it was answered. */
    public record BatchAnswer(int items, double answerMs, int status) {

        public double itemsPerSecond() {
            return items * 1000.0 / answerMs;
        }
    }

    /**
     * Posts the articles as {@code POST /feeds/{feed}/articles/batch} requests of at most {@code batchSize}
     * items (articles grouped by feed and format: a batch is a JSON array of one format), from
     * {@code concurrency} clients, and returns one outcome per article in article order: the item's status
     * from the batch receipt (202 accepted, 200 unchanged, the problem's status when refused, 0 when not
     * attempted), sent and answered when its batch was. A batch answered 429 or 503 is sent again whole
     * (safe: accepted items come back unchanged).
     */
    public List<Outcome> postBatches(List<GeneratedArticle> articles, int batchSize, int concurrency,
            List<BatchAnswer> answers, Consumer<Outcome> onAnswer) {
        Map<String, List<Integer>> byFormat = new LinkedHashMap<>();
        for (int i = 0; i < articles.size(); i++) {
            GeneratedArticle a = articles.get(i);
            byFormat.computeIfAbsent(a.feed() + " " + a.contentType(), k -> new ArrayList<>()).add(i);
        }
        List<List<Integer>> batches = new ArrayList<>();
        for (List<Integer> indices : byFormat.values()) {
            for (int from = 0; from < indices.size(); from += batchSize) {
                batches.add(indices.subList(from, Math.min(indices.size(), from + batchSize)));
            }
        }
        Outcome[] outcomes = new Outcome[articles.size()];
        AtomicInteger next = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            workers.add(Thread.ofPlatform().name("batch-poster-" + w).start(() -> {
                int b;
                while ((b = next.getAndIncrement()) < batches.size()) {
                    List<Integer> batch = batches.get(b);
                    BatchAnswer answer = postBatch(articles, batch, outcomes);
                    synchronized (answers) {
                        answers.add(answer);
                    }
                    if (onAnswer != null) {
                        batch.forEach(i -> onAnswer.accept(outcomes[i]));
                    }
                }
            }));
        }
        join(workers);
        return Arrays.asList(outcomes);
    }

    private BatchAnswer postBatch(List<GeneratedArticle> articles, List<Integer> batch, Outcome[] outcomes) {
        GeneratedArticle first = articles.get(batch.getFirst());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write('[');
        for (int i = 0; i < batch.size(); i++) {
            if (i > 0) {
                body.write(',');
            }
            body.writeBytes(articles.get(batch.get(i)).body());
        }
        body.write(']');
        HttpRequest request = request("/articles/batch", first, body.toByteArray(), Duration.ofSeconds(120));
        double sent = RunClock.nowMs();
        Exchange exchange = send(request);
        JsonNode items = null;
        String error = exchange.error();
        if (exchange.status() == 200) {
            try {
                items = JSON.readTree(exchange.body()).path("items");
            } catch (IOException e) {
                error = "unreadable receipt: " + e.getMessage();
            }
        } else if (exchange.status() != 0) {
            error = abbreviate(new String(exchange.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        for (int i = 0; i < batch.size(); i++) {
            JsonNode item = items == null ? null : items.path(i);
            int itemStatus = item == null ? 0 : switch (item.path("status").asText()) {
                case "accepted" -> 202;
                case "unchanged" -> 200;
                case "refused" -> item.path("problem").path("status").asInt(400);
                default -> 0;
            };
            outcomes[batch.get(i)] = new Outcome(batch.get(i), first.feed(), item == null ? null : item.path("id").asText(null),
                    itemStatus, exchange.attempts(), exchange.throttled(), sent, sent, exchange.answeredMs(),
                    item == null ? error : null);
        }
        return new BatchAnswer(batch.size(), exchange.answeredMs() - exchange.lastSentMs(), exchange.status());
    }

    private static void join(List<Thread> workers) {
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while posting", e);
            }
        }
    }


    Outcome post(GeneratedArticle article, int index, double scheduledMs) {
        HttpRequest request = request("/articles", article, article.body(), Duration.ofSeconds(30));
        double sent = RunClock.nowMs();
        Exchange exchange = send(request);
        String id = null;
        String error = exchange.error();
        if (exchange.status() / 100 == 2) {
            try {
                id = JSON.readTree(exchange.body()).path("id").asText(null);
            } catch (IOException e) {
                error = "unreadable receipt: " + e.getMessage();
            }
        } else if (exchange.status() != 0) {
            error = abbreviate(new String(exchange.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return new Outcome(index, article.feed(), id, exchange.status(), exchange.attempts(), exchange.throttled(),
                scheduledMs, sent, exchange.answeredMs(), error);
    }

    /** The final answer to a request sent until it is neither 429 nor 503 nor an I/O failure (0: none came). */
    private record Exchange(int status, byte[] body, int attempts, int throttled, double lastSentMs, double answeredMs,
            String error) {
    }

    private HttpRequest request(String path, GeneratedArticle article, byte[] body, Duration timeout) {
        return HttpRequest.newBuilder(URI.create(ingestUrl + "/feeds/" + article.feed() + path))
                .timeout(timeout)
                .header("Content-Type", article.contentType() + "; charset=utf-8")
                .header("X-Api-Key", article.apiKey())
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    /** Sends, retrying 429/503 after Retry-After (at most 1 s) and I/O failures after 200 ms, up to MAX_ATTEMPTS. */
    private Exchange send(HttpRequest request) {
        int attempts = 0;
        int throttled = 0;
        String error = null;
        while (attempts < MAX_ATTEMPTS) {
            attempts++;
            double attemptSent = RunClock.nowMs();
            try {
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                int status = response.statusCode();
                if (status == 429 || status == 503) {
                    throttled++;
                    RunClock.sleepMs(Math.min(1000, response.headers().firstValue("Retry-After")
                            .map(HttpPoster::retryAfterMs).orElse(200L)));
                    continue;
                }
                return new Exchange(status, response.body(), attempts, throttled, attemptSent, RunClock.nowMs(), null);
            } catch (IOException e) {
                error = e.toString();
                RunClock.sleepMs(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error = "interrupted";
                break;
            }
        }
        return new Exchange(0, new byte[0], attempts, throttled, RunClock.nowMs(), RunClock.nowMs(),
                error == null ? "gave up after " + attempts + " attempts (throttled " + throttled + ")" : error);
    }

    static long retryAfterMs(String header) {
        try {
            return Math.max(50, (long) (Double.parseDouble(header.trim()) * 1000));
        } catch (NumberFormatException e) {
            return 200;
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}

package news.pipeline.enrich.audio;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import news.pipeline.events.AudioMetadata;
import news.pipeline.events.AudioRef;
import news.pipeline.events.DurationSource;

/**
 * Audio metadata for the article's narration: what its file name says (recording date, narrator,
 * slug and whether the slug matches the headline), measured from the file when it can be fetched
 * within the time budget, else the feed's stated duration (FEED), else an estimate from the text
 * (ESTIMATED): words ÷ {@code wordsPerMinute} × 60 s, 150 words (syllables) per minute by default — a
 * calm news-narration pace — with {@code measurementError} saying why the file was not measured.
 *
 * <p>Fetching and measuring run on a small pool of their own, bounded by {@code timeout}: a slow or
 * dead media host costs one article at most that long and never stalls the stream. Successful
 * measurements are cached by file (href or name), so reprocessing an article does not fetch again.
 */
public class AudioEnricher implements AutoCloseable {

    private static final int CACHE_SIZE = 512;

    private final AudioSettings settings;
    private final AudioFetcher fetcher;
    private final AudioMeasurer measurer = new AudioMeasurer();
    private final ExecutorService pool;
    private final Map<String, AudioMeasurement> cache = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, AudioMeasurement> eldest) {
                    return size() > CACHE_SIZE;
                }
            });

    public AudioEnricher(AudioSettings settings) {
        this.settings = settings;
        this.fetcher = new AudioFetcher(settings);
        this.pool = Executors.newFixedThreadPool(2, Thread.ofPlatform().daemon().name("audio-fetch-", 0).factory());
    }

    /** Null when the article has no audio reference. */
    public AudioMetadata enrich(List<AudioRef> refs, String headline, int wordCount) {
        AudioRef ref = pick(refs);
        if (ref == null) {
            return null;
        }
        AudioMetadata.Builder audio = AudioMetadata.newBuilder()
                .setHref(ref.getHref())
                .setFileName(ref.getFileName());
        Optional<AudioFileName> name = AudioFileName.parse(ref.getFileName());
        name.ifPresent(n -> audio.setNarrator(n.narrator())
                .setRecordingDate(n.recordingDate())
                .setSlug(n.slug())
                .setSlugMatchesHeadline(n.matchesHeadline(headline)));

        String error;
        try {
            AudioMeasurement m = measure(ref);
            return audio.setDurationSeconds(m.durationSeconds())
                    .setDurationSource(DurationSource.MEASURED)
                    .setBitrateKbps(m.bitrateKbps())
                    .setSampleRateHz(m.sampleRateHz())
                    .setChannels(m.channels())
                    .setCodec(m.codec())
                    .setSizeBytes(m.sizeBytes())
                    .setId3Title(m.id3Title())
                    .setId3Artist(m.id3Artist())
                    .build();
        } catch (AudioFetchException e) {
            error = e.getMessage();
        }
        audio.setMeasurementError(error).setSizeBytes(ref.getSizeBytes());
        if (ref.getDurationSeconds() != null && ref.getDurationSeconds() > 0) {
            return audio.setDurationSeconds(ref.getDurationSeconds()).setDurationSource(DurationSource.FEED).build();
        }
        return audio.setDurationSeconds(estimateSeconds(wordCount, settings.wordsPerMinute()))
                .setDurationSource(DurationSource.ESTIMATED).build();
    }

    public static double estimateSeconds(int words, int wordsPerMinute) {
        return Math.round(words * 60.0 / wordsPerMinute * 10) / 10.0;
    }

    private AudioMeasurement measure(AudioRef ref) throws AudioFetchException {
        String key = ref.getHref() != null ? ref.getHref() : "file:" + ref.getFileName();
        AudioMeasurement cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        Future<AudioMeasurement> task = pool.submit(() -> {
            AudioFetcher.Fetched fetched = fetcher.fetch(ref.getFileName(), ref.getHref());
            return measurer.measure(fetched.bytes(), ref.getFileName());
        });
        try {
            AudioMeasurement measurement = task.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            cache.put(key, measurement);
            return measurement;
        } catch (TimeoutException e) {
            task.cancel(true);
            throw new AudioFetchException("timed out after " + settings.timeout().toMillis() + " ms");
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new AudioFetchException("interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AudioFetchException fetch) {
                throw fetch;
            }
            throw new AudioFetchException(String.valueOf(e.getCause()), e.getCause());
        }
    }

    /** The first MP3 reference, else the first one. */
    private static AudioRef pick(List<AudioRef> refs) {
        if (refs == null || refs.isEmpty()) {
            return null;
        }
        return refs.stream()
                .filter(r -> r.getFileName() != null && r.getFileName().toLowerCase(Locale.ROOT).endsWith(".mp3"))
                .findFirst().orElse(refs.getFirst());
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}

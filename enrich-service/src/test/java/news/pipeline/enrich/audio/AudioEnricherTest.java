package news.pipeline.enrich.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import news.pipeline.enrich.Mp3Fixture;
import news.pipeline.enrich.SeedArticle;
import news.pipeline.events.AudioMetadata;
import news.pipeline.events.AudioRef;
import news.pipeline.events.DurationSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fixture {@code media/251219_thoia_day_manh_thuc_hien_quy_che_dan_chu_mixdown.mp3} is real audio made
 * for these tests (see src/test/resources/media/README.md): espeak-ng reading the headline, encoded by LAME
 * at 48 kbit/s CBR, 44.1 kHz mono, ID3v2 title "Đẩy mạnh thực hiện quy chế dân chủ", artist "Thoa".
 * The HTTP cases use a real JDK HTTP server on 127.0.0.1.
 */
class AudioEnricherTest {

    static final Path MEDIA = Path.of("src/test/resources/media");
    static final String FILE = SeedArticle.AUDIO_FILE;
    static final String HEADLINE = SeedArticle.HEADLINE;

    HttpServer server;
    byte[] mp3;
    CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void serve() throws IOException {
        mp3 = Files.readAllBytes(MEDIA.resolve(FILE));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/media/", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "audio/mpeg");
            exchange.sendResponseHeaders(200, mp3.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(mp3);
            }
        });
        redirect("/same-host-redirect", () -> "/media/" + FILE);
        redirect("/other-host-redirect", () -> "http://localhost:" + port() + "/media/" + FILE);
        redirect("/other-port-redirect", () -> "http://127.0.0.1:" + (port() + 1) + "/media/" + FILE);
        redirect("/other-scheme-redirect", () -> "https://127.0.0.1:" + port() + "/media/" + FILE);
        server.createContext("/slow/", exchange -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Answers {@code path} with a 302 to {@code location} (asked at request time: the port is known then). */
    private void redirect(String path, Supplier<String> location) {
        server.createContext(path, exchange -> {
            exchange.getResponseHeaders().add("Location", location.get());
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    static AudioEnricher enricher(Path mediaDir, List<String> hosts, long maxBytes, Duration timeout) {
        return new AudioEnricher(new AudioSettings(mediaDir, hosts, maxBytes, timeout, 150));
    }

    static AudioRef ref(String href) {
        return AudioRef.newBuilder().setFileName(FILE).setHref(href).setMimeType("audio/mpeg").build();
    }


    @Test
    void measuresTheFixtureFromTheMediaDirectoryWithTika() {
        try (AudioEnricher enricher = enricher(MEDIA, List.of(), 1_000_000, Duration.ofSeconds(3))) {
            AudioMetadata audio = enricher.enrich(List.of(ref(null)), HEADLINE, 900);

            Mp3Fixture.assertMeasured(audio);
            assertThat(audio.getFileName()).isEqualTo(FILE);
            assertThat(audio.getNarrator()).isEqualTo("thoia");
            assertThat(audio.getRecordingDate()).isEqualTo(LocalDate.of(2019, 12, 25));
            assertThat(audio.getSlug()).isEqualTo("day_manh_thuc_hien_quy_che_dan_chu");
            assertThat(audio.getSlugMatchesHeadline()).isTrue();
        }
    }

    @Test
    void fetchesFromAnAllowListedHostAndFollowsSameHostRedirects() {
        try (AudioEnricher enricher = enricher(null, List.of("127.0.0.1"), 1_000_000, Duration.ofSeconds(3))) {
            AudioMetadata audio = enricher.enrich(List.of(ref(url("/media/" + FILE))), HEADLINE, 900);
            Mp3Fixture.assertMeasured(audio);
            assertThat(audio.getHref()).isEqualTo(url("/media/" + FILE));
            Mp3Fixture.assertMeasured(enricher.enrich(List.of(ref(url("/same-host-redirect"))), HEADLINE, 900));
        }
    }

    @Test
    void aHostNotOnTheListIsRefusedAndTheDurationEstimated() {
        try (AudioEnricher enricher = enricher(null, List.of("media.example.org"), 1_000_000, Duration.ofSeconds(3))) {
            AudioMetadata audio = enricher.enrich(List.of(ref(url("/media/" + FILE))), HEADLINE, 900);

            assertThat(audio.getDurationSource()).isEqualTo(DurationSource.ESTIMATED);
            assertThat(audio.getDurationSeconds()).isEqualTo(360.0); // 900 words at 150 per minute
            assertThat(audio.getMeasurementError()).contains("127.0.0.1 is not allow-listed");
            assertThat(audio.getBitrateKbps()).isNull();
            assertThat(audio.getNarrator()).isEqualTo("thoia");
        }
    }

    @Test
    void anAllowListedNameResolvingToAPrivateAddressThatIsNotListedIsRefused() {
        AudioFetcher fetcher = new AudioFetcher(new AudioSettings(null, List.of("localhost"), 1_000_000,
                Duration.ofSeconds(3), 150));
        assertThatThrownBy(() -> fetcher.fetch(FILE, "http://localhost:" + port() + "/media/" + FILE))
                .isInstanceOf(AudioFetchException.class)
                .hasMessageContaining("non-public address");
        assertThatThrownBy(() -> fetcher.fetch(null, "file:///etc/passwd")).hasMessageContaining("scheme file refused");
    }

    @Test
    void aRedirectToAnotherHostIsRefused() {
        try (AudioEnricher enricher = enricher(null, List.of("127.0.0.1", "localhost"), 1_000_000, Duration.ofSeconds(3))) {
            AudioMetadata audio = enricher.enrich(List.of(ref(url("/other-host-redirect"))), HEADLINE, 300);
            assertThat(audio.getDurationSource()).isEqualTo(DurationSource.ESTIMATED);
            assertThat(audio.getMeasurementError()).contains("redirect from 127.0.0.1 to another host (localhost) refused");
        }
    }

    @Test
    void aRedirectToAnotherPortOrSchemeOfTheSameHostIsRefused() {
        try (AudioEnricher enricher = enricher(null, List.of("127.0.0.1"), 1_000_000, Duration.ofSeconds(3))) {
            assertThat(enricher.enrich(List.of(ref(url("/other-port-redirect"))), HEADLINE, 300).getMeasurementError())
                    .contains("to another scheme or port (http:" + (port() + 1) + ") refused");
            assertThat(enricher.enrich(List.of(ref(url("/other-scheme-redirect"))), HEADLINE, 300).getMeasurementError())
                    .contains("to another scheme or port (https:" + port() + ") refused");
        }
    }

    @Test
    void anOversizeFileIsRefused() {
        try (AudioEnricher enricher = enricher(null, List.of("127.0.0.1"), 10_000, Duration.ofSeconds(3))) {
            AudioMetadata audio = enricher.enrich(List.of(ref(url("/media/" + FILE))), HEADLINE, 300);
            assertThat(audio.getDurationSource()).isEqualTo(DurationSource.ESTIMATED);
            assertThat(audio.getMeasurementError()).contains("over the 10000-byte cap");
        }
    }

    @Test
    void aSlowHostHitsTheTimeoutAndNeverStallsTheCaller() {
        try (AudioEnricher enricher = enricher(null, List.of("127.0.0.1"), 1_000_000, Duration.ofMillis(500))) {
            long started = System.nanoTime();
            AudioMetadata audio = enricher.enrich(List.of(ref(url("/slow/" + FILE))), HEADLINE, 150);
            long millis = (System.nanoTime() - started) / 1_000_000;

            assertThat(millis).isLessThan(2_000);
            assertThat(audio.getDurationSource()).isEqualTo(DurationSource.ESTIMATED);
            assertThat(audio.getDurationSeconds()).isEqualTo(60.0);
            assertThat(audio.getMeasurementError()).contains("timed out after 500 ms");
        }
    }

    @Test
    void theFeedsStatedDurationBeatsAnEstimateAndNoAudioGivesNull() {
        try (AudioEnricher enricher = enricher(null, List.of(), 1_000_000, Duration.ofSeconds(1))) {
            AudioRef stated = AudioRef.newBuilder(ref(null)).setDurationSeconds(245.0).setSizeBytes(1_960_000L).build();
            AudioMetadata audio = enricher.enrich(List.of(stated), HEADLINE, 900);
            assertThat(audio.getDurationSource()).isEqualTo(DurationSource.FEED);
            assertThat(audio.getDurationSeconds()).isEqualTo(245.0);
            assertThat(audio.getSizeBytes()).isEqualTo(1_960_000L);
            assertThat(audio.getMeasurementError()).contains("no href and no media directory");
            assertThat(enricher.enrich(List.of(), HEADLINE, 900)).isNull();
        }
    }

    @Test
    void notAudioIsReportedNotThrown() throws IOException {
        Path dir = Files.createTempDirectory("media");
        Files.writeString(dir.resolve(FILE), "this is not an mp3 at all");
        try (AudioEnricher enricher = enricher(dir, List.of(), 1_000_000, Duration.ofSeconds(3))) {
            AudioMetadata audio = enricher.enrich(List.of(ref(null)), HEADLINE, 150);
            assertThat(audio.getDurationSource()).isEqualTo(DurationSource.ESTIMATED);
            assertThat(audio.getMeasurementError()).isNotBlank();
        }
    }

    @Test
    void id3HeaderLength() throws IOException {
        try (InputStream in = Files.newInputStream(MEDIA.resolve(FILE))) {
            byte[] head = in.readNBytes(10);
            assertThat(AudioMeasurer.id3v2Length(head)).isPositive();
        }
        assertThat(AudioMeasurer.id3v2Length(new byte[] {1, 2, 3})).isZero();
    }
}

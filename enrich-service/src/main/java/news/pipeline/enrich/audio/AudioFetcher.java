package news.pipeline.enrich.audio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import news.pipeline.support.http.GuardedHttp;

/**
 * Fetches a narration file: from the media directory by file name, else from its {@code href} through
 * service-support's {@link GuardedHttp} (allow-listed hosts, no non-public address unless listed, same-origin
 * redirects only, the size cap).
 */
public class AudioFetcher {

    private final AudioSettings settings;
    private final GuardedHttp http;

    public AudioFetcher(AudioSettings settings) {
        this.settings = settings;
        this.http = new GuardedHttp(settings.allowedHosts(), settings.timeout(), settings.maxBytes());
    }

    public record Fetched(byte[] bytes, String origin) {
    }

    public Fetched fetch(String fileName, String href) throws AudioFetchException, InterruptedException {
        Path local = localFile(fileName);
        if (local != null) {
            return new Fetched(readLocal(local), "media-dir");
        }
        if (href == null || href.isBlank()) {
            throw new AudioFetchException(settings.mediaDir() == null
                    ? "no href and no media directory configured"
                    : "not in the media directory and no href");
        }
        return new Fetched(download(href), "http");
    }

    private Path localFile(String fileName) {
        if (settings.mediaDir() == null || fileName == null || fileName.isBlank()
                || fileName.contains("/") || fileName.contains("\\") || fileName.startsWith(".")) {
            return null;
        }
        Path file = settings.mediaDir().resolve(fileName).normalize();
        return file.startsWith(settings.mediaDir().normalize()) && Files.isRegularFile(file) ? file : null;
    }

    private byte[] readLocal(Path file) throws AudioFetchException {
        try {
            long size = Files.size(file);
            if (size > settings.maxBytes()) {
                throw new AudioFetchException("file is " + size + " bytes, over the " + settings.maxBytes() + "-byte cap");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new AudioFetchException("cannot read " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    private byte[] download(String href) throws AudioFetchException, InterruptedException {
        GuardedHttp.Response response;
        try {
            response = http.get(href, Map.of());
        } catch (GuardedHttp.Refused e) {
            throw new AudioFetchException(e.getMessage());
        } catch (IOException e) {
            throw new AudioFetchException("cannot fetch " + href + ": " + e, e);
        }
        if (response.status() != 200) {
            throw new AudioFetchException("GET " + response.uri() + " answered " + response.status());
        }
        return response.body();
    }
}

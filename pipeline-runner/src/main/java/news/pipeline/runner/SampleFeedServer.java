package news.pipeline.runner;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Serves the sample RSS/Atom feeds of {@code samples/feeds/} on 127.0.0.1, one per feed ({@code <feed>.rss} or
 * {@code <feed>.atom}), and names them to ingest-service as that feed's poll URL: what a site's feed looks like
 * to the poller, without the internet.
 */
final class SampleFeedServer implements AutoCloseable {

    private static final Pattern ENTRY = Pattern.compile("<(item|entry)[\\s/>]");

    private final HttpServer server;
    private final List<Path> files;

    private SampleFeedServer(HttpServer server, List<Path> files) {
        this.server = server;
        this.files = files;
    }

    static SampleFeedServer start(Path directory) {
        try {
            List<Path> files;
            try (Stream<Path> list = Files.exists(directory) ? Files.list(directory) : Stream.empty()) {
                files = list.filter(f -> f.toString().endsWith(".rss") || f.toString().endsWith(".atom")).sorted().toList();
            }
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            for (Path file : files) {
                boolean atom = file.toString().endsWith(".atom");
                server.createContext("/" + file.getFileName(), exchange -> {
                    byte[] body = Files.readAllBytes(file);
                    exchange.getResponseHeaders().add("Content-Type",
                            (atom ? "application/atom+xml" : "application/rss+xml") + "; charset=utf-8");
                    exchange.getResponseHeaders().add("ETag", "\"" + Integer.toHexString(java.util.Arrays.hashCode(body)) + "\"");
                    if (exchange.getResponseHeaders().getFirst("ETag").equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                        exchange.sendResponseHeaders(304, -1);
                    } else {
                        exchange.sendResponseHeaders(200, body.length);
                        exchange.getResponseBody().write(body);
                    }
                    exchange.close();
                });
            }
            server.start();
            return new SampleFeedServer(server, files);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ingest-service's settings: each served file is its feed's poll URL. */
    Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            String feed = name.substring(0, name.lastIndexOf('.')).toUpperCase(Locale.ROOT).replace('-', '_');
            environment.put("INGEST_FEEDS_" + feed + "_POLL_URL", "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name);
        }
        return environment;
    }

    /** How many articles the served feeds hold (every sample entry is a readable article). */
    int entries() {
        int count = 0;
        for (Path file : files) {
            try {
                count += (int) ENTRY.matcher(Files.readString(file)).results().count();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return count;
    }

    String describe() {
        return files.stream().map(f -> f.getFileName().toString()).toList() + " on http://127.0.0.1:"
                + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package news.stack;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Readiness probes: an HTTP GET answered 200, a TCP port accepting connections, a line in a log. */
public final class Probes {

    private Probes() {
    }

    public static boolean httpOk(String url) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(3000);
            try {
                return connection.getResponseCode() == 200;
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    public static boolean tcpOpen(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static boolean logContains(Path logFile, String marker) {
        try {
            return Files.exists(logFile) && new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8).contains(marker);
        } catch (IOException e) {
            return false;
        }
    }
}

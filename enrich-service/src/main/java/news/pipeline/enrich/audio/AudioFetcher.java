package news.pipeline.enrich.audio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Fetches a narration file: from the media directory by file name, else from its {@code href} when
 * the host is allow-listed. Refuses: hosts not on the list; hosts resolving to a non-public address
 * ({@link #isNonPublic}) unless that address is itself listed; redirects to another scheme, host or port
 * (same-origin redirects are followed, up to 3, each checked again); files larger than the cap (by
 * Content-Length, or while reading).
 */
public class AudioFetcher {

    static final int MAX_REDIRECTS = 3;

    private final AudioSettings settings;
    private final Set<String> allowedHosts;
    private final HttpClient http;

    public AudioFetcher(AudioSettings settings) {
        this.settings = settings;
        this.allowedHosts = settings.allowedHosts().stream().map(h -> h.strip().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty()).collect(Collectors.toUnmodifiableSet());
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
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
        URI uri = checked(href);
        String host = uri.getHost();
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpResponse<InputStream> response;
            try {
                response = http.send(HttpRequest.newBuilder(uri).timeout(settings.timeout()).GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                throw new AudioFetchException("cannot fetch " + uri + ": " + e, e);
            }
            int status = response.statusCode();
            if (status / 100 == 3) {
                close(response.body());
                String location = response.headers().firstValue("Location")
                        .orElseThrow(() -> new AudioFetchException("redirect " + status + " without Location from " + host));
                URI next = uri.resolve(location);
                if (next.getHost() == null || !next.getHost().equalsIgnoreCase(host)) {
                    throw new AudioFetchException("redirect from " + host + " to another host (" + next.getHost() + ") refused");
                }
                if (!scheme(next).equals(scheme(uri)) || port(next) != port(uri)) {
                    throw new AudioFetchException("redirect from " + uri.getScheme() + "://" + host + ":" + port(uri)
                            + " to another scheme or port (" + next.getScheme() + ":" + port(next) + ") refused");
                }
                uri = checked(next.toString());
                continue;
            }
            if (status != 200) {
                close(response.body());
                throw new AudioFetchException("GET " + uri + " answered " + status);
            }
            long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > settings.maxBytes()) {
                close(response.body());
                throw new AudioFetchException("file is " + declared + " bytes, over the " + settings.maxBytes() + "-byte cap");
            }
            return readCapped(response.body());
        }
        throw new AudioFetchException("more than " + MAX_REDIRECTS + " redirects from " + host);
    }

    private static String scheme(URI uri) {
        return uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    }

    /** The port connected to: the URI's own, else the scheme's default. */
    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equals(scheme(uri)) ? 443 : 80;
    }

    /** Scheme http(s), host allow-listed, and every address it resolves to public or itself allow-listed. */
    URI checked(String href) throws AudioFetchException {
        URI uri;
        try {
            uri = URI.create(href.strip());
        } catch (IllegalArgumentException e) {
            throw new AudioFetchException("not a URL: " + href);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new AudioFetchException("scheme " + scheme + " refused");
        }
        String host = uri.getHost();
        if (host == null || !allowedHosts.contains(host.toLowerCase(Locale.ROOT))) {
            throw new AudioFetchException("host " + host + " is not allow-listed");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new AudioFetchException("host " + host + " does not resolve");
        }
        for (InetAddress address : addresses) {
            if (isNonPublic(address) && !allowedHosts.contains(address.getHostAddress().toLowerCase(Locale.ROOT))) {
                throw new AudioFetchException("host " + host + " resolves to non-public address "
                        + address.getHostAddress() + ", which is not allow-listed");
            }
        }
        return uri;
    }

    /**
     * Addresses a fetch must not reach: loopback, private, link-local, multicast, wildcard, and the other
     * special-purpose ranges of the IANA registries (shared, benchmarking, documentation, IETF protocol
     * assignments, reserved 240/4 and broadcast); for IPv6 also unique-local and every prefix that carries an
     * IPv4 address or a translator (IPv4-compatible ::/96, NAT64 64:ff9b::/96 and 64:ff9b:1::/48, 6to4
     * 2002::/16, Teredo and the rest of 2001::/23), discard-only 100::/64 and documentation 2001:db8::/32.
     * (Java turns an IPv4-mapped ::ffff:a.b.c.d into the IPv4 address itself.)
     */
    static boolean isNonPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] raw = address.getAddress();
        if (raw.length == 4) {
            int a = raw[0] & 0xff;
            int b = raw[1] & 0xff;
            int c = raw[2] & 0xff;
            return a == 0                                        // "this network"
                    || (a == 100 && b >= 64 && b < 128)          // shared address space (carrier-grade NAT)
                    || (a == 192 && b == 0 && (c == 0 || c == 2)) // IETF protocol assignments, TEST-NET-1
                    || (a == 192 && b == 88 && c == 99)          // 6to4 relay anycast
                    || (a == 198 && (b == 18 || b == 19))        // benchmarking
                    || (a == 198 && b == 51 && c == 100)         // TEST-NET-2
                    || (a == 203 && b == 0 && c == 113)          // TEST-NET-3
                    || a >= 240;                                 // reserved, limited broadcast
        }
        int first16 = (raw[0] & 0xff) << 8 | (raw[1] & 0xff);
        int second16 = (raw[2] & 0xff) << 8 | (raw[3] & 0xff);
        boolean firstTwelveZero = true;
        for (int i = 0; i < 12; i++) {
            firstTwelveZero &= raw[i] == 0;
        }
        return firstTwelveZero                                   // ::/96, IPv4-compatible (and :: and ::1)
                || (raw[0] & 0xfe) == 0xfc                       // unique local fc00::/7
                || (first16 == 0x0064 && second16 == 0xff9b)     // NAT64 64:ff9b::/96 and 64:ff9b:1::/48 (all of 64:ff9b::/32)
                || (first16 == 0x0100 && second16 == 0 && raw[4] == 0 && raw[5] == 0 && raw[6] == 0 && raw[7] == 0) // discard-only 100::/64
                || (first16 == 0x2001 && second16 < 0x0200)      // IETF protocol assignments 2001::/23 (Teredo 2001::/32)
                || (first16 == 0x2001 && second16 == 0x0db8)     // documentation 2001:db8::/32
                || first16 == 0x2002;                            // 6to4 2002::/16
    }

    private byte[] readCapped(InputStream body) throws AudioFetchException {
        try (InputStream in = body) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[16 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) >= 0) {
                total += n;
                if (total > settings.maxBytes()) {
                    throw new AudioFetchException("file is over the " + settings.maxBytes() + "-byte cap");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new AudioFetchException("reading the file failed: " + e.getMessage(), e);
        }
    }

    private static void close(InputStream body) {
        try {
            body.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    List<String> allowedHosts() {
        return List.copyOf(allowedHosts);
    }

    Duration timeout() {
        return settings.timeout();
    }
}

package news.pipeline.support.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

/**
 * HTTP GETs to addresses that come from outside (a feed's URL, a narration file's href), guarded against
 * server-side request forgery: only http(s); only allow-listed hosts; no host resolving to a non-public address
 * ({@link #isNonPublic}) unless that address is itself listed; redirects followed only within the same scheme,
 * host and port (up to {@value #MAX_REDIRECTS}, each checked again); a timeout on every request and a cap on the
 * bytes read. The address rule is applied where the connection resolves its host (Apache HttpClient's
 * {@link DnsResolver}), so what is checked is what is connected to. The one home of these rules: enrich's audio
 * fetcher and ingest's feed poller both use it.
 */
public final class GuardedHttp {

    public static final int MAX_REDIRECTS = 3;

    private final Set<String> allowedHosts;
    private final Duration timeout;
    private final long maxBytes;
    private final CloseableHttpClient http;

    public GuardedHttp(Collection<String> allowedHosts, Duration timeout, long maxBytes) {
        this.allowedHosts = allowedHosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty()).collect(Collectors.toUnmodifiableSet());
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        Timeout limit = Timeout.of(timeout);
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new CheckingResolver())
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(limit).setSocketTimeout(limit)
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setRedirectsEnabled(false).setResponseTimeout(limit)
                        .setConnectionRequestTimeout(limit).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .build();
    }

    /** What was asked for is not allowed (host, address, scheme, redirect, size): asking again will not help. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    /**
     * The final answer: 200 with its body (at most the cap), or any other status without one (304 Not Modified
     * to a conditional GET, an error); header names in lower case.
     */
    public record Response(URI uri, int status, Map<String, String> headers, byte[] body) {
        /** A response header by name, case-insensitively (the names are kept in lower case). */
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }
    }

    /**
     * @param requestHeaders e.g. If-None-Match, If-Modified-Since, User-Agent
     * @throws Refused     the address, a redirect or the size is not allowed
     * @throws IOException the server could not be reached or read in time (transient: try again later)
     */
    public Response get(String href, Map<String, String> requestHeaders)
            throws Refused, IOException, InterruptedException {
        URI uri = checked(href);
        String host = uri.getHost();
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            HttpGet request = new HttpGet(uri);
            requestHeaders.forEach(request::setHeader);
            Answer answer;
            try {
                answer = http.execute(request, this::read);
            } catch (NonPublicAddress e) {
                throw new Refused(e.getMessage());
            } catch (UnknownHostException e) {
                throw new Refused("host " + host + " does not resolve");
            } catch (TooLarge e) {
                throw new Refused(e.getMessage());
            }
            int status = answer.status();
            if (status / 100 == 3 && status != 304) {
                String location = answer.headers().get("location");
                if (location == null) {
                    throw new Refused("redirect " + status + " without Location from " + host);
                }
                URI next = uri.resolve(location);
                if (next.getHost() == null || !next.getHost().equalsIgnoreCase(host)) {
                    throw new Refused("redirect from " + host + " to another host (" + next.getHost() + ") refused");
                }
                if (!scheme(next).equals(scheme(uri)) || port(next) != port(uri)) {
                    throw new Refused("redirect from " + uri.getScheme() + "://" + host + ":" + port(uri)
                            + " to another scheme or port (" + next.getScheme() + ":" + port(next) + ") refused");
                }
                uri = checked(next.toString());
                continue;
            }
            return new Response(uri, status, answer.headers(), answer.body());
        }
        throw new Refused("more than " + MAX_REDIRECTS + " redirects from " + host);
    }

    private record Answer(int status, Map<String, String> headers, byte[] body) {
    }

    /** The status and headers; the body of a 200 only, read up to the cap. */
    private Answer read(ClassicHttpResponse response) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : response.getHeaders()) {
            headers.putIfAbsent(header.getName().toLowerCase(Locale.ROOT), header.getValue());
        }
        int status = response.getCode();
        HttpEntity entity = response.getEntity();
        if (status != 200 || entity == null) {
            EntityUtils.consumeQuietly(entity);
            return new Answer(status, headers, new byte[0]);
        }
        if (entity.getContentLength() > maxBytes) {
            throw new TooLarge("the body is " + entity.getContentLength() + " bytes, over the " + maxBytes + "-byte cap");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try (InputStream in = entity.getContent()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[16 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) >= 0) {
                total += n;
                if (total > maxBytes) {
                    throw new TooLarge("the body is over the " + maxBytes + "-byte cap");
                }
                if (System.nanoTime() > deadline) { // a server dripping bytes: the socket timeout alone never fires
                    throw new SocketTimeoutException("the body took longer than " + timeout.toMillis() + " ms");
                }
                out.write(buffer, 0, n);
            }
            return new Answer(status, headers, out.toByteArray());
        }
    }

    /** A body over the cap, raised inside the response handler. */
    private static final class TooLarge extends IOException {
        TooLarge(String message) {
            super(message);
        }
    }

    /** An address the resolver will not hand to the connection, raised where the connection resolves its host. */
    private static final class NonPublicAddress extends UnknownHostException {
        NonPublicAddress(String message) {
            super(message);
        }
    }

    /**
     * Resolves for the connection itself and refuses a non-public address unless it is listed: the addresses checked
     * are the addresses connected to, so a name cannot resolve to a public address for the check and to an internal
     * one for the connection (DNS rebinding).
     */
    private final class CheckingResolver implements DnsResolver {
        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            InetAddress[] addresses = SystemDefaultDnsResolver.INSTANCE.resolve(host);
            for (InetAddress address : addresses) {
                if (isNonPublic(address) && !allowedHosts.contains(address.getHostAddress().toLowerCase(Locale.ROOT))) {
                    throw new NonPublicAddress("host " + host + " resolves to non-public address "
                            + address.getHostAddress() + ", which is not allow-listed");
                }
            }
            return addresses;
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
        }
    }

    /**
     * Scheme http(s) and host allow-listed. The addresses the host resolves to are checked where the connection
     * resolves them ({@link CheckingResolver}), not here: a second lookup could answer differently.
     */
    public URI checked(String href) throws Refused {
        URI uri;
        try {
            uri = URI.create(href.strip());
        } catch (IllegalArgumentException e) {
            throw new Refused("not a URL: " + href);
        }
        String scheme = scheme(uri);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Refused("scheme " + scheme + " refused");
        }
        String host = uri.getHost();
        if (host == null || !allowedHosts.contains(host.toLowerCase(Locale.ROOT))) {
            throw new Refused("host " + host + " is not allow-listed");
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
    public static boolean isNonPublic(InetAddress address) {
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

    public Collection<String> allowedHosts() {
        return allowedHosts;
    }

    public Duration timeout() {
        return timeout;
    }

    private static String scheme(URI uri) {
        return uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    }

    /** The port connected to: the URI's own, else the scheme's default. */
    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equals(scheme(uri)) ? 443 : 80;
    }
}

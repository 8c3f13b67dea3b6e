package news.pipeline.ingest.parse;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/** File names and media types of referenced audio and images, from a URL or a bare file name. */
public final class MediaFiles {

    private static final Map<String, String> AUDIO_TYPES = Map.of(
            "mp3", "audio/mpeg", "m4a", "audio/mp4", "aac", "audio/aac", "ogg", "audio/ogg",
            "oga", "audio/ogg", "opus", "audio/opus", "wav", "audio/wav", "flac", "audio/flac");

    private MediaFiles() {
    }

    /** The last path segment, percent-decoded: {@code https://x/a/b%20c.mp3?x=1} gives {@code b c.mp3}. */
    public static String fileName(String hrefOrName) {
        if (hrefOrName == null) {
            return null;
        }
        String path = hrefOrName.trim();
        try {
            URI uri = URI.create(path);
            if (uri.getRawPath() != null && uri.getScheme() != null) {
                path = uri.getRawPath();
            }
        } catch (IllegalArgumentException notAUri) {
            // a bare file name, possibly with spaces
        }
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        int slash = path.lastIndexOf('/');
        String name = slash >= 0 ? path.substring(slash + 1) : path;
        try {
            name = URLDecoder.decode(name.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformedEscape) {
            // keep it as written
        }
        return name.isBlank() ? null : name;
    }

    public static boolean isAudioFile(String name) {
        return name != null && AUDIO_TYPES.containsKey(extension(name));
    }

    /** The audio media type the file extension implies, or null. */
    public static String audioMimeType(String name) {
        return name == null ? null : AUDIO_TYPES.get(extension(name));
    }

    public static boolean isHttpUrl(String value) {
        if (value == null) {
            return false;
        }
        String lower = value.trim().toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    private static String extension(String name) {
        String clean = fileName(name);
        if (clean == null) {
            return "";
        }
        int dot = clean.lastIndexOf('.');
        return dot < 0 ? "" : clean.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}

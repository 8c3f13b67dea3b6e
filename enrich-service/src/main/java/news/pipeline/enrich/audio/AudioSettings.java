package news.pipeline.enrich.audio;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Where narration files may come from and how long measuring may take.
 *
 * @param mediaDir          local directory searched by file name first (null: none)
 * @param allowedHosts      hosts (names or IP literals) an {@code href} may point at; a host resolving to a
 *                          loopback, private, link-local or otherwise non-public address is refused unless
 *                          that address itself is listed
 * @param maxBytes          larger files are refused
 * @param timeout           total budget for fetching and measuring one file; past it, the duration is estimated
 * @param wordsPerMinute    narration speed for the estimate
 */
public record AudioSettings(Path mediaDir, List<String> allowedHosts, long maxBytes, Duration timeout,
        int wordsPerMinute) {

    /** Nothing to fetch from: every duration is the feed's or estimated at 150 words per minute (evaluation, tests). */
    public static AudioSettings withoutMedia() {
        return new AudioSettings(null, List.of(), 20_971_520, Duration.ofSeconds(3), 150);
    }
}

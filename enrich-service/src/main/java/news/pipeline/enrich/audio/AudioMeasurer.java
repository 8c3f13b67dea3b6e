package news.pipeline.enrich.audio;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.metadata.XMPDM;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Measures an audio file with Apache Tika's audio parsers (MP3 frames and ID3 tags, MP4/M4A, WAV):
 * duration, sample rate, channels, codec, ID3 title and artist. The bitrate is the average over the
 * audio data: (size − ID3v2 tag) × 8 / duration, rounded to whole kbit/s — for constant-bitrate files
 * the nominal bitrate, for VBR the true average.
 */
public class AudioMeasurer {

    private final Parser parser = new AutoDetectParser();

    public AudioMeasurement measure(byte[] bytes, String fileName) throws AudioFetchException {
        Metadata metadata = new Metadata();
        if (fileName != null) {
            metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        }
        try {
            parser.parse(new ByteArrayInputStream(bytes), new DefaultHandler(), metadata, new ParseContext());
        } catch (IOException | SAXException | TikaException | RuntimeException e) {
            throw new AudioFetchException("not a readable audio file: " + e.getMessage(), e);
        }
        String duration = metadata.get(XMPDM.DURATION);
        if (duration == null) {
            throw new AudioFetchException("no audio frames found (" + metadata.get(Metadata.CONTENT_TYPE) + ")");
        }
        double seconds = Double.parseDouble(duration);
        if (!(seconds > 0)) {
            throw new AudioFetchException("audio duration is " + duration);
        }
        long audioBytes = bytes.length - id3v2Length(bytes);
        Integer bitrate = (int) Math.round(audioBytes * 8 / seconds / 1000.0);
        return new AudioMeasurement(
                Math.round(seconds * 1000) / 1000.0,
                bitrate,
                integer(metadata.get(XMPDM.AUDIO_SAMPLE_RATE), metadata.get("samplerate")),
                integer(metadata.get("channels"), null),
                codec(metadata),
                bytes.length,
                blankToNull(metadata.get(TikaCoreProperties.TITLE)),
                blankToNull(metadata.get(XMPDM.ARTIST)));
    }

    private static String codec(Metadata metadata) {
        String compressor = metadata.get(XMPDM.AUDIO_COMPRESSOR);
        String version = metadata.get("version");
        if (compressor != null && version != null) {
            return compressor + " (" + version + ")";
        }
        return compressor != null ? compressor : metadata.get(Metadata.CONTENT_TYPE);
    }

    /** Size of a leading ID3v2 tag: 10-byte header + syncsafe size (+ 10 with a footer). */
    static int id3v2Length(byte[] bytes) {
        if (bytes.length < 10 || bytes[0] != 'I' || bytes[1] != 'D' || bytes[2] != '3') {
            return 0;
        }
        int size = ((bytes[6] & 0x7f) << 21) | ((bytes[7] & 0x7f) << 14) | ((bytes[8] & 0x7f) << 7) | (bytes[9] & 0x7f);
        boolean footer = (bytes[5] & 0x10) != 0;
        return Math.min(bytes.length, 10 + size + (footer ? 10 : 0));
    }

    private static Integer integer(String value, String fallback) {
        String text = value != null ? value : fallback;
        if (text == null) {
            return null;
        }
        try {
            return (int) Math.round(Double.parseDouble(text.strip()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}

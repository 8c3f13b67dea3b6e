package news.pipeline.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import news.pipeline.events.AudioMetadata;
import news.pipeline.events.DurationSource;

/** The committed MP3 fixture, as the audio unit test and the stream IT both expect it measured. */
public final class Mp3Fixture {

    private Mp3Fixture() {
    }

    /** What measuring the committed MP3 fixture (src/test/resources/media) gives. */
    public static void assertMeasured(AudioMetadata audio) {
        assertThat(audio.getDurationSource()).isEqualTo(DurationSource.MEASURED);
        assertThat(audio.getDurationSeconds()).isBetween(4.1, 4.3);
        assertThat(audio.getBitrateKbps()).isEqualTo(48);
        assertThat(audio.getSampleRateHz()).isEqualTo(44100);
        assertThat(audio.getChannels()).isEqualTo(1);
        assertThat(audio.getCodec()).startsWith("MP3");
        assertThat(audio.getSizeBytes()).isEqualTo(25418L);
        assertThat(audio.getId3Title()).isEqualTo("Đẩy mạnh thực hiện quy chế dân chủ");
        assertThat(audio.getId3Artist()).isEqualTo("Thoa");
        assertThat(audio.getMeasurementError()).isNull();
    }
}

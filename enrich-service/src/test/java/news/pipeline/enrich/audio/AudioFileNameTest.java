package news.pipeline.enrich.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import news.pipeline.enrich.SeedArticle;
import org.junit.jupiter.api.Test;

class AudioFileNameTest {

    @Test
    void parsesTheSampleConvention() {
        AudioFileName name = AudioFileName.parse(SeedArticle.AUDIO_FILE).orElseThrow();
        assertThat(name.recordingDate()).isEqualTo(LocalDate.of(2019, 12, 25));
        assertThat(name.narrator()).isEqualTo("thoia");
        assertThat(name.slug()).isEqualTo("day_manh_thuc_hien_quy_che_dan_chu");
    }

    @Test
    void slugMatchesTheHeadlineAsAPrefixOfItsFoldedTokens() {
        AudioFileName name = AudioFileName.parse(SeedArticle.AUDIO_FILE).orElseThrow();
        assertThat(name.matchesHeadline(SeedArticle.HEADLINE)).isTrue();
        assertThat(name.matchesHeadline("Quốc hội thảo luận về dự án luật")).isFalse();
        assertThat(name.matchesHeadline(null)).isFalse();
    }

    @Test
    void slugMatchesWithMostTokensPresentInAnotherOrder() {
        AudioFileName name = AudioFileName.parse("010120_lan_quy_che_dan_chu_co_so_thuc_hien_mixdown.mp3").orElseThrow();
        assertThat(name.matchesHeadline(SeedArticle.HEADLINE)).isTrue();
    }

    @Test
    void otherNamesAndImpossibleDates() {
        assertThat(AudioFileName.parse("narration.mp3")).isEmpty();
        assertThat(AudioFileName.parse(null)).isEmpty();
        AudioFileName odd = AudioFileName.parse("311319_minh_tin_moi.mp3").orElseThrow();
        assertThat(odd.recordingDate()).isNull();
        assertThat(odd.narrator()).isEqualTo("minh");
        assertThat(odd.slug()).isEqualTo("tin_moi");
        assertThat(AudioFileName.parse("https://media.example/a/251219_THOIA_Tin_Moi_mixdown.MP3")
                .orElseThrow().slug()).isEqualTo("tin_moi");
    }
}

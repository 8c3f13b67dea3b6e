package news.pipeline.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import news.pipeline.benchmark.load.HttpPoster;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class ChartsTest {

    private static HttpPoster.Outcome accepted(int index, double sentMs, double answeredMs) {
        return new HttpPoster.Outcome(index, "feed", "id-" + index, 202, 1, 0, sentMs, sentMs, answeredMs, null);
    }

    private final PhaseRun full = new PhaseRun("full speed", List.of(), 8, 0,
            List.of(accepted(0, 1_000, 1_050), accepted(1, 1_100, 1_200), accepted(2, 1_200, 1_300),
                    new HttpPoster.Outcome(3, "feed", null, 400, 1, 0, 1_300, 1_300, 1_310, "refused")),
            Map.of("id-0", 2_000.0, "id-1", 3_100.0, "id-2", 4_200.0), 1_000, 1_400, 4_300, List.of());

    @Test
    void latencyCdfOfTheSearchableArticlesInOrder() {
        List<Charts.Series> cdf = Charts.latencyCdf(List.of(full));

        assertThat(cdf).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("full speed");
            assertThat(s.points()).extracting(p -> p[0]).containsExactly(1_000.0, 2_000.0, 3_000.0);
            assertThat(s.points()).extracting(p -> p[1]).containsExactly(1 / 3.0, 2 / 3.0, 1.0);
        });
    }

    @Test
    void throughputCountsEachStagePerSecondFromTheFirstPost() {
        List<Charts.Series> series = Charts.throughput(List.of(full), Map.of("id-0", 1_500L, "id-1", 1_600L, "id-2", 2_900L));

        assertThat(series).extracting(Charts.Series::name).containsExactly("accepted", "enriched", "searchable");
        assertThat(series.get(0).points()).extracting(p -> p[1]).containsExactly(3.0);
        assertThat(series.get(1).points()).extracting(p -> p[1]).containsExactly(2.0, 1.0);
        assertThat(series.get(2).points()).extracting(p -> p[1]).containsExactly(0.0, 1.0, 1.0, 1.0);
    }

    @Test
    void theSvgIsWellFormedWithALinePerPhaseAndPerStage() throws Exception {
        String svg = Charts.svg("run <x> & y", List.of(full), Map.of("id-0", 1_500L));

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getElementsByTagName("polyline").getLength()).isEqualTo(4);
        assertThat(svg).contains("full speed (3 articles)", "searchable (3 articles)", "run &lt;x&gt; &amp; y");
        assertThat(Charts.niceCeiling(37)).isEqualTo(50);
        assertThat(Charts.niceCeiling(0.3)).isEqualTo(0.5);
    }
}

package news.pipeline.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineSampleFeedTest {

    @Test
    void theFormatComesFromTheFileName() {
        assertThat(Pipeline.SampleFeed.contentType("11-vi-x.ninjs.json")).isEqualTo("application/ninjs+json");
        assertThat(Pipeline.SampleFeed.contentType("40-own.json")).isEqualTo("application/json");
        assertThat(Pipeline.SampleFeed.contentType("31-page.html")).startsWith("text/html");
        assertThat(Pipeline.SampleFeed.contentType("01-seed-article-vi.txt")).startsWith("text/plain");
        assertThat(Pipeline.SampleFeed.contentType("34-en-g2-item.g2.xml")).isEqualTo("application/vnd.iptc.g2.newsitem+xml");
        assertThat(Pipeline.SampleFeed.contentType("generate_samples.py")).isNull();
    }

    @Test
    void anUpdateAddsNoDocumentAndAKillRemovesTheArticleItKills() {
        Pipeline.SampleFeed.Result result = new Pipeline.SampleFeed.Result(26, 26, 1, 1, List.of());

        assertThat(result.expectedDocuments()).isEqualTo(23);
    }
}

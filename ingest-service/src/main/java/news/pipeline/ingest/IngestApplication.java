package news.pipeline.ingest;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Wire-feed intake: every article pushed over HTTP becomes one {@code RawArticle} event on
 * {@code news.articles.raw}, and the feed gets its answer only once Kafka has acknowledged it.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IngestApplication {

    public static void main(String[] args) {
        SpringApplication.run(IngestApplication.class, args);
    }
}

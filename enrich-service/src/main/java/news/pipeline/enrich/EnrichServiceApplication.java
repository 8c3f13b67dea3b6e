package news.pipeline.enrich;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** enrich-service: news.articles.raw → categories, related links, audio metadata → news.articles.enriched. */
@SpringBootApplication
public class EnrichServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(EnrichServiceApplication.class, args);
    }
}

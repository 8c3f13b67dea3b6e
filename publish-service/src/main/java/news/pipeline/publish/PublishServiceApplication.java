package news.pipeline.publish;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * publish-service: keeps the Elasticsearch alias {@code articles} in step with {@code news.articles.enriched}.
 *
 * <pre>
 * java -jar publish-service.jar                                  # live: consume and index
 * java -jar publish-service.jar --reindex [--delete-old-index]   # rebuild into a new index, swap the alias, exit
 * </pre>
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PublishServiceApplication {

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--reindex")) {
            System.exit(reindex(args));
        }
        SpringApplication.run(PublishServiceApplication.class, args);
    }

    /** Runs the reindex command without the web server or the live consumer; returns the exit code. */
    public static int reindex(String[] args) {
        List<String> forwarded = new ArrayList<>(Arrays.asList(args));
        forwarded.remove("--reindex");
        forwarded.add("--publish.mode=reindex");
        SpringApplication app = new SpringApplication(PublishServiceApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        try {
            ConfigurableApplicationContext context = app.run(forwarded.toArray(String[]::new));
            return SpringApplication.exit(context);
        } catch (RuntimeException e) {
            System.err.println("reindex failed: " + e);
            return 1;
        }
    }
}

package news.pipeline.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that talks to real Kafka, schema registry and Elasticsearch servers.
 * The servers start once per test JVM (or an already running local stack is reused); inject
 * {@link news.stack.Endpoints} into a test or call {@link RealServersExtension#endpoints()}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RealServersExtension.class)
public @interface RealServers {
}

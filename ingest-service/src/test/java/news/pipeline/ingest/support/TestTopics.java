package news.pipeline.ingest.support;

import java.util.UUID;

/** Topic names of one test class: the contract's name plus a random suffix, so parallel test runs never meet. */
public final class TestTopics {

    private TestTopics() {
    }

    public static String rawTopic(String testClass) {
        return "news.articles.raw.ingest-it-" + testClass.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}

package news.pipeline.support.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import news.pipeline.events.RawArticle;
import news.pipeline.schemas.TestArticles;
import news.pipeline.schemas.topics.TopicSpec;
import news.pipeline.schemas.topics.Topics;
import news.pipeline.testsupport.RealServers;
import news.pipeline.testsupport.TopicClient;
import news.stack.Endpoints;
import org.junit.jupiter.api.Test;

/** The group-less whole-topic read the services rebuild their state with, against the real broker and registry. */
@RealServers
class TopicReaderIT {

    @Test
    void readsEveryPartitionToItsEndSkipsPoisonAndCatchesUpOnTheNextCall(Endpoints servers) {
        try (TopicClient kafka = new TopicClient(servers)) {
            TopicSpec<RawArticle> topic = kafka.create(Topics.RAW_ARTICLES, TopicClient.unique("reader"));
            for (int i = 0; i < 20; i++) {
                kafka.send(topic, "a-" + i, TestArticles.rawArticle("a-" + i));
            }
            kafka.sendBytes(topic.name(), "garbage", "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8), null);
            kafka.send(topic, "a-3", null); // tombstone

            Map<String, RawArticle> seen = new LinkedHashMap<>();
            try (TopicReader reader = reader(servers, topic);
                 ValueDecoder<RawArticle> decoder = new ValueDecoder<>(topic, registry(servers))) {
                assertThat(reader.partitions()).hasSize(topic.partitions());

                TopicReader.Result first = reader.readValuesToEnd(decoder, Duration.ofSeconds(30), seen::put);

                assertThat(first.records()).isEqualTo(22);
                assertThat(first.skipped()).isEqualTo(1);
                assertThat(seen).hasSize(20).containsKey("a-3").doesNotContainKey("garbage");
                assertThat(seen.get("a-3")).isNull();
                assertThat(seen.get("a-7").getId()).isEqualTo("a-7");
                assertThat(reader.atEnd()).isTrue();

                kafka.send(topic, "late", TestArticles.rawArticle("late"));
                List<String> second = new ArrayList<>();
                TopicReader.Result caughtUp = reader.readValuesToEnd(decoder, Duration.ofSeconds(30),
                        (key, value) -> second.add(key));

                assertThat(caughtUp.records()).isEqualTo(1);
                assertThat(second).containsExactly("late");
            }
        }
    }

    @Test
    void aTopicThatCannotBeReadInTimeIsReportedIncompleteNotPassedOffAsDone(Endpoints servers) {
        try (TopicClient kafka = new TopicClient(servers)) {
            TopicSpec<RawArticle> topic = kafka.create(Topics.RAW_ARTICLES, TopicClient.unique("reader-timeout"));
            kafka.send(topic, "a", TestArticles.rawArticle("a"));
            // the registry cannot be reached: the reader waits it out rather than skipping the record
            Map<String, Object> unreachable = Map.of("schema.registry.url", "http://127.0.0.1:1/apis/ccompat/v7",
                    "schema.registry.max.retries", "0");
            try (TopicReader reader = reader(servers, topic);
                 ValueDecoder<RawArticle> decoder = new ValueDecoder<>(topic, unreachable)) {
                assertThatThrownBy(() -> reader.readValuesToEnd(decoder, Duration.ofSeconds(2), (k, v) -> { }))
                        .isInstanceOf(TopicReader.Incomplete.class)
                        .hasMessageContaining("schema registry unavailable");
            }
        }
    }

    private static TopicReader reader(Endpoints servers, TopicSpec<?> topic) {
        return TopicReader.fromBeginning(Map.of("bootstrap.servers", servers.kafkaBootstrapServers()), topic.name(),
                "topic-reader-it", 7, Duration.ofSeconds(30));
    }

    private static Map<String, Object> registry(Endpoints servers) {
        return Map.of("schema.registry.url", servers.schemaRegistryUrl());
    }
}

package news.pipeline.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import news.pipeline.testsupport.RealServers;
import news.stack.Endpoints;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/** The declared topic policy is what the broker ends up with. */
@RealServers
class TopicsIT {

    @Test
    void provisionsEveryTopicWithItsPolicyAndIsIdempotent(Endpoints servers) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", servers.kafkaBootstrapServers()))) {
            TopicProvisioner.ensureTopics(admin, Topics.ALL, (short) 1);
            TopicProvisioner.ensureTopics(admin, Topics.ALL, (short) 1);

            Set<String> names = Topics.ALL.stream().map(TopicSpec::name).collect(Collectors.toSet());
            Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get();
            assertThat(described.get(Topics.RAW_ARTICLES.name()).partitions()).hasSize(Topics.RAW_ARTICLES.partitions());

            ConfigResource enriched = new ConfigResource(ConfigResource.Type.TOPIC, Topics.ENRICHED_ARTICLES.name());
            ConfigResource raw = new ConfigResource(ConfigResource.Type.TOPIC, Topics.RAW_ARTICLES.name());
            Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(enriched, raw)).all().get();
            assertThat(configs.get(enriched).get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(configs.get(enriched).get("retention.ms").value()).isEqualTo("-1");
            assertThat(configs.get(raw).get("cleanup.policy").value()).isEqualTo("delete");
        }
    }

    @Test
    void valueSubjectsFollowConfluentsTopicNameStrategy() {
        assertThat(Topics.ENRICHED_ARTICLES.valueSubject()).isEqualTo("news.articles.enriched-value");
        assertThat(Topics.RAW_ARTICLES_DLT.isAvro()).isFalse();
    }
}

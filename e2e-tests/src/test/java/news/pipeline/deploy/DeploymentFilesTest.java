package news.pipeline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * docker-compose.yml, the service Dockerfile, Prometheus' configuration and rules and the Grafana dashboard, checked
 * by what runs here: Docker does not, so this stands in for {@code docker compose config} (references resolve,
 * variables are defaulted or required with a message) and asserts the deployment's rules (memory limits, restart,
 * readiness health checks, 127.0.0.1 for the operators' servers, secrets required). That the metrics the rules and
 * the dashboard name are really exported is asserted by the end-to-end test against running services.
 */
class DeploymentFilesTest {

    private static final List<String> SERVICES = List.of("ingest-service", "enrich-service", "publish-service");
    /** Servers for operators: published on the loopback interface only. */
    private static final List<String> OPERATOR_SERVERS = List.of("schema-registry", "elasticsearch", "kafka-ui",
            "prometheus", "grafana");
    private static final Pattern VARIABLE = Pattern.compile("(?<!\\$)\\$\\{([A-Z0-9_]+)(?:(:-|:\\?)([^}]*))?}");

    private final Map<String, Object> compose = DeploymentFiles.yaml(DeploymentFiles.COMPOSE);

    @SuppressWarnings("unchecked")
    private Map<String, Object> service(String name) {
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        assertThat(services).as("compose services").containsKey(name);
        return (Map<String, Object>) services.get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertThat(value).as(key).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> services() {
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    @Test
    void everyReferenceResolves() {
        Set<String> volumes = map(compose, "volumes").keySet();
        services().forEach((name, service) -> {
            Object dependsOn = service.get("depends_on");
            if (dependsOn instanceof Map<?, ?> deps) {
                assertThat(services().keySet()).as(name + " depends_on").containsAll((Set<String>) deps.keySet());
            }
            for (Object mount : (List<?>) service.getOrDefault("volumes", List.of())) {
                String source = mount.toString().split(":")[0];
                if (source.startsWith("./")) {
                    assertThat(DeploymentFiles.ROOT.resolve(source)).as(name + " mounts " + source).exists();
                } else if (!source.startsWith("${")) {
                    assertThat(volumes).as(name + " volume " + source).contains(source);
                }
            }
        });
        // no declared volume left unused (the old related-index and ingest media volumes)
        Set<String> used = new LinkedHashSet<>();
        services().values().forEach(service -> ((List<?>) service.getOrDefault("volumes", List.of()))
                .forEach(mount -> used.add(mount.toString().split(":")[0])));
        assertThat(used).containsAll(volumes);
    }

    @Test
    void everyVariableHasADefaultOrIsRequiredWithAMessageAndTheExampleEnvFileListsTheRequiredOnes() {
        String text = DeploymentFiles.read(DeploymentFiles.COMPOSE);
        Set<String> required = new LinkedHashSet<>();
        Matcher m = VARIABLE.matcher(text);
        List<String> bare = new ArrayList<>();
        while (m.find()) {
            if (m.group(2) == null) {
                bare.add(m.group());
            } else if (":?".equals(m.group(2))) {
                assertThat(m.group(3)).as(m.group(1) + "'s message").contains(".env");
                required.add(m.group(1));
            }
        }
        assertThat(bare).as("variables with neither a default nor a required message").isEmpty();
        assertThat(required).contains("ELASTIC_PASSWORD", "PUBLISH_ES_PASSWORD", "BAOTHAIBINH_API_KEYS",
                "WIRE_EN_API_KEYS", "GRAFANA_ADMIN_PASSWORD");
        String example = DeploymentFiles.read(DeploymentFiles.ENV_EXAMPLE);
        for (String variable : required) {
            assertThat(example).as(".env.example").containsPattern("(?m)^" + variable + "=");
        }
        assertThat(text).as("no development feed key in the deployment").doesNotContain("dev-key");
    }

    @Test
    void everyServerRestartsAndEveryServiceHasAMemoryLimitItsJvmSizesItselfFrom() {
        services().forEach((name, service) -> {
            if (!"elasticsearch-users".equals(name)) { // a one-shot job
                assertThat(service.get("restart")).as(name).isEqualTo("unless-stopped");
                assertThat(map(map(map(service, "deploy"), "resources"), "limits")).as(name).containsKey("memory");
            }
        });
        String dockerfile = DeploymentFiles.read(DeploymentFiles.DOCKERFILE);
        assertThat(dockerfile).contains("-XX:MaxRAMPercentage=75");
        assertThat(megabytes(limit("enrich-service"))).as("enrich's heap holds the related index")
                .isGreaterThanOrEqualTo(2048);
    }

    @Test
    void theServicesAreBuiltOnceFromOneStageAndRunAsNonRoot() {
        String dockerfile = DeploymentFiles.read(DeploymentFiles.DOCKERFILE);
        assertThat(Pattern.compile("(?mi)^FROM .* AS build$").matcher(dockerfile).results().count()).isEqualTo(1);
        assertThat(dockerfile).contains("--mount=type=cache,target=/root/.m2", "-Dmaven.test.skip=true",
                "-pl ingest-service,enrich-service,publish-service");
        assertThat(dockerfile).containsPattern("(?m)^USER app$");
        for (String name : SERVICES) {
            Map<String, Object> build = map(service(name), "build");
            assertThat(build.get("dockerfile")).isEqualTo("docker/service.Dockerfile");
            assertThat(build.get("target")).isEqualTo(name);
            assertThat(dockerfile).containsPattern("(?m)^FROM runtime AS " + name + "$");
        }
    }

    @Test
    void serviceHealthChecksAskReadinessOnTheManagementPortAndAllowForStartUp() {
        for (String name : SERVICES) {
            Map<String, Object> service = service(name);
            Map<String, Object> health = map(service, "healthcheck");
            String port = (String) map(service, "environment").get("MANAGEMENT_PORT");
            assertThat(health.get("test").toString()).contains("http://127.0.0.1:" + port + "/actuator/health/readiness");
            assertThat(health).containsKey("start_period");
        }
        // Prometheus scrapes each service where its actuator listens
        String prometheus = DeploymentFiles.read(DeploymentFiles.PROMETHEUS);
        for (String name : SERVICES) {
            assertThat(prometheus).contains("\"" + name + ":" + map(service(name), "environment").get("MANAGEMENT_PORT") + "\"");
        }
    }

    @Test
    void operatorServersListenOnLoopbackOnlyAndKafkaUiIsReadOnly() {
        for (String name : OPERATOR_SERVERS) {
            List<?> ports = (List<?>) service(name).get("ports");
            assertThat(ports).as(name).isNotEmpty().allSatisfy(port -> assertThat(port.toString()).startsWith("127.0.0.1:"));
        }
        assertThat(service("kafka").get("ports")).as("Kafka is reached on the compose network only").isNull();
        for (String name : SERVICES) {
            if (!"ingest-service".equals(name)) {
                assertThat(service(name).get("ports")).as(name + " publishes nothing").isNull();
            }
        }
        assertThat(map(service("kafka-ui"), "environment").get("KAFKA_CLUSTERS_0_READONLY")).isEqualTo("true");
    }

    @Test
    void elasticsearchRequiresAPasswordAndPublishLogsInAsItsOwnUser() {
        Map<String, Object> es = map(service("elasticsearch"), "environment");
        assertThat(es.get("xpack.security.enabled")).isEqualTo("true");
        assertThat(es.get("ELASTIC_PASSWORD").toString()).startsWith("${ELASTIC_PASSWORD:?");
        Map<String, Object> publish = map(service("publish-service"), "environment");
        assertThat(publish.get("SPRING_ELASTICSEARCH_USERNAME")).isEqualTo("publish");
        assertThat(publish.get("SPRING_ELASTICSEARCH_PASSWORD").toString()).startsWith("${PUBLISH_ES_PASSWORD:?");
        assertThat(map(map(service("publish-service"), "depends_on"), "elasticsearch-users"))
                .containsEntry("condition", "service_completed_successfully");
        String users = DeploymentFiles.read(DeploymentFiles.ROOT.resolve("docker/elasticsearch/create-users.sh"));
        assertThat(users).contains("/_security/user/publish", "/_security/role/news_publisher", "manage_index_templates");
    }

    @Test
    void narrationMediaIsMountedReadOnlyWhereEnrichReadsIt() {
        Map<String, Object> enrich = service("enrich-service");
        String mediaDir = (String) map(enrich, "environment").get("ENRICH_MEDIA_DIR");
        assertThat((List<?>) enrich.get("volumes")).anySatisfy(mount -> assertThat(mount.toString()).endsWith(":" + mediaDir + ":ro"));
        assertThat(map(enrich, "environment")).containsKey("ENRICH_MEDIA_HOSTS");
        assertThat(service("ingest-service").get("volumes")).as("ingest reads no media").isNull();
    }

    @Test
    void everyAlertHasASeverityASummaryAndARunbookEntryInTheReadme() {
        String readme = DeploymentFiles.read(DeploymentFiles.ROOT.resolve("README.md"));
        List<Map<String, Object>> alerts = DeploymentFiles.rules().stream().filter(r -> r.containsKey("alert")).toList();
        assertThat(alerts).extracting(r -> r.get("alert")).contains("PipelineServiceDown", "ConsumerLagGrowing",
                "DeadLettersAppearing", "FreshnessSlow", "FeedGoneQuiet");
        for (Map<String, Object> alert : alerts) {
            String name = (String) alert.get("alert");
            assertThat(map(alert, "labels")).as(name).containsKey("severity");
            Map<String, Object> annotations = map(alert, "annotations");
            assertThat(annotations).as(name).containsKeys("summary", "description");
            String anchor = name.toLowerCase();
            assertThat(annotations.get("runbook")).as(name).isEqualTo("README.md#" + anchor);
            assertThat(readme).as("README runbook heading for " + name).containsPattern("(?m)^#+ " + name + "$");
        }
        // the rules' own unit tests (promtool test rules) cover every alert
        String tests = DeploymentFiles.read(DeploymentFiles.ROOT.resolve("docker/prometheus/alerts.test.yml"));
        alerts.forEach(alert -> assertThat(tests).contains("alertname: " + alert.get("alert")));
    }

    @Test
    void theDashboardReadsPrometheusAndEveryPanelHasAQuery() {
        JsonNode dashboard = DeploymentFiles.dashboard();
        assertThat(dashboard.path("uid").asString()).isEqualTo("news-pipeline");
        List<String> titles = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> {
            if (!"row".equals(panel.path("type").asString())) {
                titles.add(panel.path("title").asString());
                assertThat(panel.path("targets").size()).as(panel.path("title").asString()).isPositive();
                assertThat(panel.path("datasource").path("uid").asString()).isEqualTo("prometheus");
            }
        });
        assertThat(String.join("\n", titles).toLowerCase()).contains("accepted", "enriched", "indexed", "lag",
                "freshness", "dead letters");
        assertThat(DeploymentFiles.expressions()).anySatisfy(e -> assertThat(e).contains("kafka_consumer_fetch_manager_records_lag"));
    }

    @Test
    void metricNamesAreFoundInExpressions() {
        assertThat(DeploymentFiles.metricNames(
                "histogram_quantile(0.95, sum by (le, feed) (rate(publish_freshness_seconds_bucket{action=\"indexed\"}[10m]))) > 30"))
                .containsExactly("publish_freshness_seconds_bucket");
        assertThat(DeploymentFiles.metricNames("min by (feed) (a_seconds) > on (feed) max by (feed) (b_seconds) and up == 0"))
                .containsExactly("a_seconds", "b_seconds", "up");
        assertThat(DeploymentFiles.metricNames("pipeline:lag:sum > 5e2 and deriv(pipeline:lag:sum[15m]) > 0"))
                .containsExactly("pipeline:lag:sum");
        assertThat(DeploymentFiles.exactMatchers("x_total{a=\"1\", b=~\"2\", c!=\"3\"} + y{d=\"4\"}"))
                .containsExactly("x_total{a=1}", "y{d=4}");
    }

    private String limit(String name) {
        return map(map(map(service(name), "deploy"), "resources"), "limits").get("memory").toString();
    }

    private static long megabytes(String size) {
        long n = Long.parseLong(size.replaceAll("[^0-9]", ""));
        return size.toLowerCase().endsWith("g") ? n * 1024 : n;
    }
}

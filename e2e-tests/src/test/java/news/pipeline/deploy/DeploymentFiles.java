package news.pipeline.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The deployment files of the repository (docker-compose.yml, docker/prometheus, docker/grafana) read as data, and
 * what their PromQL expressions name: what the checks of those files and the end-to-end test share.
 */
public final class DeploymentFiles {

    public static final Path ROOT = repositoryRoot();
    public static final Path COMPOSE = ROOT.resolve("docker-compose.yml");
    public static final Path DOCKERFILE = ROOT.resolve("docker/service.Dockerfile");
    public static final Path PROMETHEUS = ROOT.resolve("docker/prometheus/prometheus.yml");
    public static final Path ALERTS = ROOT.resolve("docker/prometheus/alerts.yml");
    public static final Path DASHBOARD = ROOT.resolve("docker/grafana/dashboards/news-pipeline.json");
    public static final Path ENV_EXAMPLE = ROOT.resolve(".env.example");

    private static final Set<String> PROMQL_WORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without",
            "on", "ignoring", "group_left", "group_right", "inf", "nan");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    /** {@code name{label="value", ...}}: a selector with its matchers. */
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{([^}]*)}");
    private static final Pattern EQUALS_MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*=\\s*\"([^\"]*)\"");

    private DeploymentFiles() {
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> yaml(Path file) {
        return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(read(file));
    }

    public static JsonNode dashboard() {
        return JsonMapper.builder().build().readTree(read(DASHBOARD));
    }

    /** Every rule of alerts.yml, recording and alerting, as its YAML map. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> rules() {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) yaml(ALERTS).get("groups")) {
            rules.addAll((List<Map<String, Object>>) group.get("rules"));
        }
        return rules;
    }

    /** The PromQL of every alert and recording rule and of every dashboard panel's targets. */
    public static List<String> expressions() {
        List<String> expressions = new ArrayList<>();
        rules().forEach(rule -> expressions.add(String.valueOf(rule.get("expr"))));
        dashboard().path("panels").forEach(panel -> panel.path("targets")
                .forEach(target -> expressions.add(target.path("expr").asString())));
        dashboard().path("templating").path("list").forEach(variable -> {
            String query = variable.path("query").isObject() ? variable.path("query").path("query").asString()
                    : variable.path("query").asString();
            if ("query".equals(variable.path("type").asString())) {
                expressions.add(query.replaceAll("^label_values\\((.*),\\s*\\w+\\)$", "$1"));
            }
        });
        return expressions;
    }

    /** The names recording rules define: expressions may use them like exported metrics. */
    public static Set<String> recordedNames() {
        Set<String> names = new LinkedHashSet<>();
        rules().stream().filter(rule -> rule.containsKey("record")).forEach(rule -> names.add((String) rule.get("record")));
        return names;
    }

    /** The metric names a PromQL expression reads (functions, keywords, labels, durations and strings left out). */
    public static Set<String> metricNames(String expression) {
        String text = expression
                .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = IDENTIFIER.matcher(text);
        while (m.find()) {
            String word = m.group();
            boolean partOfNumber = m.start() > 0 && (Character.isDigit(text.charAt(m.start() - 1))
                    || text.charAt(m.start() - 1) == '.' || text.charAt(m.start() - 1) == '$');
            if (partOfNumber || PROMQL_WORDS.contains(word.toLowerCase()) || followedByParenthesis(text, m.end())) {
                continue;
            }
            names.add(word);
        }
        return names;
    }

    /** The {@code label="value"} matchers of each selector in an expression, as "name{label=value}" strings. */
    public static Set<String> exactMatchers(String expression) {
        Set<String> matchers = new LinkedHashSet<>();
        Matcher selector = SELECTOR.matcher(expression);
        while (selector.find()) {
            Matcher matcher = EQUALS_MATCHER.matcher(selector.group(2));
            while (matcher.find()) { // != and =~ do not match: only equality names a value that must exist
                matchers.add(selector.group(1) + "{" + matcher.group(1) + "=" + matcher.group(2) + "}");
            }
        }
        return matchers;
    }

    private static boolean followedByParenthesis(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return text.charAt(i) == '(';
            }
        }
        return false;
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docker-compose.yml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no docker-compose.yml above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}

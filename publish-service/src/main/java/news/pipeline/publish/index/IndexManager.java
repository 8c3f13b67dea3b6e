package news.pipeline.publish.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.elasticsearch.indices.GetAliasResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.slf4j.LoggerFactory;

/**
 * The index layout readers rely on: the index template {@code articles-template} (settings,
 * analysis, strict mapping) for {@code articles-v*}, and the alias {@code articles} pointing at
 * exactly one versioned index, which is also the write index.
 */
public class IndexManager {

    private static final Logger log = LoggerFactory.getLogger(IndexManager.class);
    static final String TEMPLATE_RESOURCE = "/elasticsearch/articles-index-template.json";

    private final ElasticsearchClient client;
    private final IndexSettings config;
    private final Pattern versionedName;

    public IndexManager(ElasticsearchClient client, IndexSettings config) {
        this.client = client;
        this.config = config;
        this.versionedName = Pattern.compile(Pattern.quote(config.indexPrefix()) + "(\\d+)");
    }

    public String alias() {
        return config.alias();
    }

    /** The template JSON with this deployment's pattern, shards, replicas, refresh, codec and gc_deletes. */
    public String templateJson() {
        String json;
        try (InputStream in = IndexManager.class.getResourceAsStream(TEMPLATE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + TEMPLATE_RESOURCE);
            }
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> values = Map.of(
                "index_pattern", config.indexPrefix() + "*",
                "priority", Integer.toString(config.templatePriority()),
                "shards", Integer.toString(config.shards()),
                "replicas", Integer.toString(config.replicas()),
                "refresh_interval", config.refreshInterval(),
                "codec", config.codec(),
                "gc_deletes", config.gcDeletes());
        for (var entry : values.entrySet()) {
            json = json.replace("${" + entry.getKey() + "}", entry.getValue());
        }
        return json;
    }

    /** Creates or updates the index template (it applies to indices created afterwards). */
    public void putTemplate() throws IOException {
        String json = templateJson();
        client.indices().putIndexTemplate(t -> t.name(config.templateName()).withJson(new StringReader(json)));
        log.info("index template {} for {}* is in place", config.templateName(), config.indexPrefix());
    }

    /**
     * Makes sure the template exists and the alias points at a versioned index; on a fresh cluster
     * creates {@code <prefix>1} with the alias as its write alias. Safe to run from several instances.
     *
     * @return the index behind the alias
     */
    public String ensureIndex() throws IOException {
        putTemplate();
        Optional<String> current = currentIndex();
        if (current.isPresent()) {
            putMapping(current.get());
            return current.get();
        }
        // an index left without alias (a crash between create and alias) is reused, else v1 is created
        String target = latestVersionedIndex().orElse(config.indexName(1));
        try {
            client.indices().create(c -> c.index(target)
                    .aliases(config.alias(), a -> a.isWriteIndex(true)));
            log.info("created index {} behind alias {}", target, config.alias());
        } catch (ElasticsearchException e) {
            if (!"resource_already_exists_exception".equals(e.error().type())) {
                throw e;
            }
            putMapping(target); // made before the last start, perhaps from an older template
            client.indices().updateAliases(u -> u.actions(a -> a.add(add -> add.index(target)
                    .alias(config.alias()).isWriteIndex(true))));
            log.info("alias {} now points at existing index {}", config.alias(), target);
        }
        return currentIndex().orElse(target);
    }

    /**
     * Applies the template's mapping to an index made from an older template: fields added since then (the mapping
     * is strict, so a document carrying one would be refused) become known. A changed field type is refused by
     * Elasticsearch and needs a reindex.
     */
    void putMapping(String index) throws IOException {
        JsonNode mappings = JsonMapper.shared().readTree(templateJson()).path("template").path("mappings");
        client.indices().putMapping(p -> p.index(index).withJson(new StringReader(mappings.toString())));
    }

    /** The index the alias points at, if the alias exists. */
    public Optional<String> currentIndex() throws IOException {
        if (!client.indices().existsAlias(e -> e.name(config.alias())).value()) {
            return Optional.empty();
        }
        GetAliasResponse aliases = client.indices().getAlias(g -> g.name(config.alias()));
        return aliases.aliases().keySet().stream().sorted(byGeneration().reversed()).findFirst();
    }

    /** The versioned indices that exist, oldest first. */
    public List<String> versionedIndices() throws IOException {
        return client.indices().resolveIndex(r -> r.name(config.indexPrefix() + "*")).indices().stream()
                .map(i -> i.name())
                .filter(name -> versionedName.matcher(name).matches())
                .sorted(byGeneration())
                .toList();
    }

    private Optional<String> latestVersionedIndex() throws IOException {
        List<String> all = versionedIndices();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getLast());
    }

    /**
     * Creates the next versioned index (generation = highest existing + 1) for a bulk load: no
     * replicas and no refresh until {@link #finishLoad} restores the configured values. No alias.
     */
    public String createNextIndexForLoad() throws IOException {
        int next = versionedIndices().stream().mapToInt(this::generation).max().orElse(0) + 1;
        String name = config.indexName(next);
        client.indices().create(c -> c.index(name)
                .settings(s -> s.numberOfReplicas("0").refreshInterval(t -> t.time("-1"))));
        log.info("created index {} for a reindex (refresh off, no replicas)", name);
        return name;
    }

    /** Restores replicas and refresh interval after a bulk load, refreshes, and waits for the primaries. */
    public void finishLoad(String index) throws IOException {
        client.indices().putSettings(p -> p.index(index).settings(s -> s
                .numberOfReplicas(Integer.toString(config.replicas()))
                .refreshInterval(t -> t.time(config.refreshInterval()))));
        client.indices().refresh(r -> r.index(index));
        client.cluster().health(h -> h.index(index).waitForStatus(HealthStatus.Yellow).timeout(t -> t.time("60s")));
    }

    /**
     * Moves the alias to {@code newIndex} in one {@code _aliases} request: readers see either the old
     * index or the new one, never none or both.
     */
    public void swapAlias(List<String> oldIndices, String newIndex) throws IOException {
        client.indices().updateAliases(u -> {
            for (String old : oldIndices) {
                u.actions(a -> a.remove(r -> r.index(old).alias(config.alias())));
            }
            return u.actions(a -> a.add(add -> add.index(newIndex).alias(config.alias()).isWriteIndex(true)));
        });
        log.info("alias {} moved from {} to {}", config.alias(), oldIndices, newIndex);
    }

    /** Every index the alias points at (normally one). */
    public List<String> aliasedIndices() throws IOException {
        if (!client.indices().existsAlias(e -> e.name(config.alias())).value()) {
            return List.of();
        }
        return client.indices().getAlias(g -> g.name(config.alias())).aliases().keySet().stream()
                .sorted(byGeneration()).toList();
    }

    public void deleteIndex(String index) throws IOException {
        client.indices().delete(d -> d.index(index));
        log.info("deleted index {}", index);
    }

    private Comparator<String> byGeneration() {
        return Comparator.comparingInt(this::generation).thenComparing(Comparator.naturalOrder());
    }

    private int generation(String index) {
        Matcher m = versionedName.matcher(index);
        return m.matches() ? Integer.parseInt(m.group(1)) : 0;
    }
}

package news.pipeline.publish.index;

import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The alias, the versioned indices behind it and their template ({@code publish.index.*}).
 *
 * @param alias            what readers (and the live consumer) use
 * @param indexPrefix      versioned indices are {@code <prefix><n>}: articles-v1, articles-v2, ...
 * @param templateName     the index template that gives every versioned index its settings and mapping
 * @param templatePriority index-template priority (templates with overlapping patterns need distinct ones)
 * @param gcDeletes        how long delete tombstones keep refusing older versions ({@code index.gc_deletes})
 * @param codec            {@code default} or {@code best_compression}
 */
@ConfigurationProperties("publish.index")
public record IndexSettings(
        String alias,
        String indexPrefix,
        String templateName,
        int templatePriority,
        int shards,
        int replicas,
        String refreshInterval,
        String codec,
        String gcDeletes) {

    public IndexSettings {
        Objects.requireNonNull(alias, "publish.index.alias");
        Objects.requireNonNull(indexPrefix, "publish.index.index-prefix");
        Objects.requireNonNull(templateName, "publish.index.template-name");
        Objects.requireNonNull(refreshInterval, "publish.index.refresh-interval");
        Objects.requireNonNull(codec, "publish.index.codec");
        Objects.requireNonNull(gcDeletes, "publish.index.gc-deletes");
        if (alias.equals(indexPrefix) || alias.startsWith(indexPrefix)) {
            throw new IllegalArgumentException("publish.index.alias must not match publish.index.index-prefix*");
        }
    }

    public String indexName(int generation) {
        return indexPrefix + generation;
    }
}

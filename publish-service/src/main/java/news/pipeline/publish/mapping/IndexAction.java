package news.pipeline.publish.mapping;

import java.util.Map;
import news.pipeline.schemas.topics.ArticleVersions;

/**
 * What one enriched article asks of the index: put this document, or remove the article. Both carry the article
 * version and enrichment revision; Elasticsearch's external version is made of the two ({@link #externalVersion}),
 * so an older version never overwrites (or resurrects) a newer one, and an older enrichment of one version never
 * overwrites a re-enrichment.
 */
public sealed interface IndexAction permits IndexAction.Upsert, IndexAction.Delete {

    String id();

    long version();

    int revision();

    default long externalVersion() {
        return ArticleVersions.ordinal(version(), revision());
    }

    /** Index the document under the article id, unless the index already holds this version or a newer one. */
    record Upsert(String id, long version, int revision, Map<String, Object> document) implements IndexAction {
        public Upsert {
            ArticleVersions.ordinal(version, revision); // one that cannot be ordered is refused here, for this record only
        }
    }

    /** Remove the article (canceled or withheld), unless the index already holds a newer version. */
    record Delete(String id, long version, int revision, String reason) implements IndexAction {
        public Delete {
            ArticleVersions.ordinal(version, revision);
        }
    }
}

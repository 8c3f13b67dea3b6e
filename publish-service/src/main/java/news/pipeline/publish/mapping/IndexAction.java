package news.pipeline.publish.mapping;

import java.util.Map;

/**
 * What one enriched article asks of the index: put this document, or remove the article. Both
 * carry the article version, which Elasticsearch uses as the external version, so an older version
 * never overwrites (or resurrects) a newer one.
 */
public sealed interface IndexAction permits IndexAction.Upsert, IndexAction.Delete {

    String id();

    long version();

    /** Index the document under the article id, unless the index already holds this version or a newer one. */
    record Upsert(String id, long version, Map<String, Object> document) implements IndexAction {
    }

    /** Remove the article (canceled or withheld), unless the index already holds a newer version. */
    record Delete(String id, long version, String reason) implements IndexAction {
    }
}

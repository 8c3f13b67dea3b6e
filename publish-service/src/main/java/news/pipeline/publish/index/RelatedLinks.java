package news.pipeline.publish.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import news.pipeline.support.failure.TransientFailureException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps withdrawn articles out of other articles' related lists. A killed or withheld article leaves the index, but
 * the documents that list it as related were enriched before and still link to it; {@link #unlink} rewrites them
 * without it. Each one is written at the version it already has ({@code external_gte}): if a newer version arrives
 * meanwhile, that one wins, and an older one is still refused after. Enrichments in flight when the kill arrived
 * may still name it: {@link #strip} takes the ids of recent kills out of documents before they are indexed.
 */
public class RelatedLinks {

    private static final Logger log = LoggerFactory.getLogger(RelatedLinks.class);
    private static final int PAGE = 500;
    /** Enough to cover every kill of the time an enrichment can be in flight, many times over. */
    private static final int RECENT_KILLS = 50_000;

    private final ElasticsearchClient client;
    private final Set<String> recentlyKilled = Collections.synchronizedSet(Collections.newSetFromMap(
            new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > RECENT_KILLS;
                }
            }));

    public RelatedLinks(ElasticsearchClient client) {
        this.client = client;
    }

    /**
     * Takes the withdrawn articles out of the related lists of every document in {@code target} that lists them.
     *
     * @return the documents rewritten
     * @throws TransientFailureException Elasticsearch could not be asked or written to: try the batch again
     */
    public int unlink(Collection<String> withdrawn, String target) {
        if (withdrawn.isEmpty()) {
            return 0;
        }
        recentlyKilled.addAll(withdrawn);
        List<FieldValue> ids = withdrawn.stream().map(FieldValue::of).toList();
        int rewritten = 0;
        try {
            for (int round = 0; round < 1000; round++) {
                client.indices().refresh(r -> r.index(target));
                SearchResponse<Map> found = client.search(s -> s.index(target).size(PAGE).version(true)
                        .query(q -> q.terms(t -> t.field("related.id").terms(v -> v.value(ids)))), Map.class);
                List<Hit<Map>> hits = found.hits().hits();
                if (hits.isEmpty()) {
                    break;
                }
                List<BulkOperation> rewrites = new ArrayList<>(hits.size());
                for (Hit<Map> hit : hits) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> document = strip(hit.source());
                    rewrites.add(BulkOperation.of(o -> o.index(i -> i.index(hit.index()).id(hit.id())
                            .version(hit.version()).versionType(VersionType.ExternalGte).document(document))));
                }
                BulkResponse response = client.bulk(b -> b.operations(rewrites));
                for (BulkResponseItem item : response.items()) {
                    if (item.error() == null) {
                        rewritten++;
                    } else if (item.status() != 409) { // 409: a newer version was written meanwhile, without the link
                        throw new TransientFailureException("index", "cannot rewrite the related list of " + item.id()
                                + ": " + item.error().reason(), null);
                    }
                }
                if (hits.size() < PAGE) {
                    break;
                }
            }
        } catch (TransientFailureException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new TransientFailureException("index", "cannot take withdrawn articles out of related lists: " + e, e);
        }
        if (rewritten > 0) {
            log.info("took withdrawn articles {} out of the related lists of {} articles in {}", withdrawn, rewritten, target);
        }
        return rewritten;
    }

    /** The document without related entries that point at recently withdrawn articles (the same map if none). */
    public Map<String, Object> strip(Map<String, Object> document) {
        if (!(document.get("related") instanceof List<?> related) || related.isEmpty() || recentlyKilled.isEmpty()) {
            return document;
        }
        List<?> kept = related.stream()
                .filter(r -> !(r instanceof Map<?, ?> link && recentlyKilled.contains(String.valueOf(link.get("id")))))
                .toList();
        if (kept.size() == related.size()) {
            return document;
        }
        Map<String, Object> copy = new LinkedHashMap<>(document);
        copy.put("related", kept);
        return copy;
    }
}

package news.pipeline.ingest.security;

import news.pipeline.ingest.config.IngestProperties;

/** The feed a request was authenticated as, with its settings; put on the request by {@link FeedAccessInterceptor}. */
public record FeedContext(String name, IngestProperties.Feed settings) {
}

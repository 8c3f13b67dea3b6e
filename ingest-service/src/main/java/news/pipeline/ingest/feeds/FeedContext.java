package news.pipeline.ingest.feeds;

/** The feed a request was authenticated as, with its settings; put on the request by {@link FeedAccessInterceptor}. */
public record FeedContext(String name, FeedSettings settings) {
}

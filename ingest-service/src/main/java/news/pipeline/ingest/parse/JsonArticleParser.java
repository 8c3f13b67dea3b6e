package news.pipeline.ingest.parse;

import news.pipeline.ingest.model.ParsedArticle;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON format whose articles can also arrive as items of a batch (array or NDJSON): a single
 * article is read into a JSON object and parsed like a batch item.
 */
public abstract class JsonArticleParser implements ArticleParser {

    private final JsonMapper mapper;

    protected JsonArticleParser(JsonMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public final ParsedArticle parse(String body, ParseContext context) {
        return parseNode(JsonBodies.readObject(mapper, body), context);
    }

    public abstract ParsedArticle parseNode(JsonNode node, ParseContext context);
}

package news.pipeline.ingest.parse;

import news.pipeline.ingest.model.ParsedArticle;
import tools.jackson.databind.JsonNode;

/** A JSON format whose articles can also arrive as items of a batch (array or NDJSON). */
public interface JsonArticleParser extends ArticleParser {

    ParsedArticle parseNode(JsonNode node, ParseContext context);
}

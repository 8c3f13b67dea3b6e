package news.pipeline.ingest.parse;

import news.pipeline.ingest.model.InvalidArticleException;
import news.pipeline.ingest.model.ParsedArticle;
import news.pipeline.ingest.model.SourceFormat;

/** Reads one article in one format. Parsers are pure: no I/O, no clock, no state. */
public interface ArticleParser {

    SourceFormat format();

    /** @throws InvalidArticleException naming every field that is wrong */
    ParsedArticle parse(String body, ParseContext context);
}

package news.pipeline.ingest.parse;

import news.pipeline.ingest.model.InvalidArticleException;
import news.pipeline.ingest.model.ParsedArticle;

/** One item of a document that holds several (a NewsML-G2 newsMessage, an RSS or Atom feed): an article, or why not. */
public record ParsedItem(ParsedArticle article, InvalidArticleException problem) {

    public static ParsedItem of(ParsedArticle article) {
        return new ParsedItem(article, null);
    }

    public static ParsedItem refused(InvalidArticleException problem) {
        return new ParsedItem(null, problem);
    }

    /** The article, or the reason it is not one, thrown. */
    public ParsedArticle articleOrThrow() {
        if (problem != null) {
            throw problem;
        }
        return article;
    }
}

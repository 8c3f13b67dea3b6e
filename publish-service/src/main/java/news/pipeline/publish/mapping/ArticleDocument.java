package news.pipeline.publish.mapping;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import news.pipeline.events.AudioMetadata;
import news.pipeline.events.Category;
import news.pipeline.events.EnrichedArticle;
import news.pipeline.events.ImageRef;
import news.pipeline.events.PubStatus;
import news.pipeline.events.RawArticle;
import news.pipeline.events.RelatedArticle;
import news.pipeline.events.SourceLink;
import news.pipeline.events.SubjectRef;

/**
 * The shape of an article in the index — the readers' contract (see publish-service/README.md and
 * {@code elasticsearch/articles-index-template.json}). Field names follow the Avro contract in
 * camelCase; times are ISO-8601 UTC strings; absent values are left out rather than written as null.
 */
public final class ArticleDocument {

    private ArticleDocument() {
    }

    /**
     * The index action for one enriched article: a canceled (killed) or withheld article is removed,
     * every other one is indexed. Both are versioned with the article version and enrichment revision
     * ({@link IndexAction#externalVersion}), so a re-enrichment replaces the document and an older one never does.
     */
    public static IndexAction actionFor(EnrichedArticle enriched) {
        RawArticle article = enriched.getArticle();
        PubStatus status = article.getPubStatus();
        if (status == PubStatus.canceled || status == PubStatus.withheld) {
            return new IndexAction.Delete(enriched.getId(), enriched.getVersion(), enriched.getEnrichmentRevision(),
                    status.name());
        }
        return new IndexAction.Upsert(enriched.getId(), enriched.getVersion(), enriched.getEnrichmentRevision(),
                toDocument(enriched));
    }

    public static Map<String, Object> toDocument(EnrichedArticle enriched) {
        RawArticle a = enriched.getArticle();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", enriched.getId());
        doc.put("version", enriched.getVersion());
        put(doc, "feed", a.getFeed());
        put(doc, "sourceId", a.getSourceId());
        put(doc, "url", a.getUri());
        put(doc, "slug", enriched.getSlug());
        put(doc, "language", a.getLanguage() != null ? a.getLanguage() : enriched.getDetectedLanguage());
        put(doc, "section", a.getSection());
        put(doc, "headline", a.getHeadline());
        put(doc, "subheadline", a.getSubheadline());
        put(doc, "byline", a.getByline());
        put(doc, "body", a.getBodyText());
        put(doc, "bodyHtml", a.getBodyHtml());
        putList(doc, "keywords", a.getKeywords());
        put(doc, "located", a.getLocated());
        putList(doc, "subjects", a.getSubjects().stream().map(ArticleDocument::subject).toList());
        putList(doc, "categoryCodes", categoryCodes(enriched.getCategories()));
        putList(doc, "categories", enriched.getCategories().stream().map(ArticleDocument::category).toList());
        put(doc, "publishedAt", time(a.getVersionCreated()));
        put(doc, "firstCreated", time(a.getFirstCreated()));
        put(doc, "receivedAt", time(a.getReceivedAt()));
        put(doc, "enrichedAt", time(enriched.getEnrichedAt()));
        if (enriched.getAudio() != null) {
            doc.put("audio", audio(enriched.getAudio()));
        }
        putList(doc, "related", enriched.getRelatedArticles().stream().map(ArticleDocument::related).toList());
        putList(doc, "sourceLinks", a.getSourceLinks().stream().map(ArticleDocument::sourceLink).toList());
        putList(doc, "images", a.getImages().stream().map(ArticleDocument::image).toList());
        doc.put("wordCount", enriched.getWordCount());
        doc.put("readingTimeSeconds", enriched.getReadingTimeSeconds());
        put(doc, "contentHash", a.getContentHash());
        put(doc, "enrichmentVersion", enriched.getEnrichmentVersion());
        doc.put("enrichmentRevision", enriched.getEnrichmentRevision());
        return doc;
    }

    /** Every category code and the code of its top-level parent, once each: the facet and filter field. */
    static List<String> categoryCodes(List<Category> categories) {
        Set<String> codes = new LinkedHashSet<>();
        for (Category c : categories) {
            codes.add(c.getCode());
            if (c.getParentCode() != null) {
                codes.add(c.getParentCode());
            }
        }
        return new ArrayList<>(codes);
    }

    private static Map<String, Object> subject(SubjectRef s) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "code", s.getCode());
        put(m, "name", s.getName());
        put(m, "scheme", s.getScheme());
        return m;
    }

    private static Map<String, Object> category(Category c) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "code", c.getCode());
        put(m, "parentCode", c.getParentCode());
        put(m, "labelEn", c.getLabelEn());
        put(m, "labelVi", c.getLabelVi());
        m.put("score", c.getScore());
        put(m, "source", c.getSource() == null ? null : c.getSource().name());
        return m;
    }

    private static Map<String, Object> audio(AudioMetadata audio) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "href", audio.getHref());
        put(m, "fileName", audio.getFileName());
        put(m, "durationSeconds", audio.getDurationSeconds());
        put(m, "durationSource", audio.getDurationSource() == null ? null : audio.getDurationSource().name());
        put(m, "bitrateKbps", audio.getBitrateKbps());
        put(m, "sampleRateHz", audio.getSampleRateHz());
        put(m, "channels", audio.getChannels());
        put(m, "codec", audio.getCodec());
        put(m, "sizeBytes", audio.getSizeBytes());
        put(m, "narrator", audio.getNarrator());
        put(m, "recordingDate", date(audio.getRecordingDate()));
        return m;
    }

    private static Map<String, Object> related(RelatedArticle r) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "id", r.getId());
        put(m, "title", r.getTitle());
        put(m, "url", r.getUrl());
        m.put("score", r.getScore());
        put(m, "publishedAt", time(r.getPublishedAt()));
        return m;
    }

    private static Map<String, Object> sourceLink(SourceLink l) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "list", l.getList());
        put(m, "title", l.getTitle());
        put(m, "url", l.getUrl());
        put(m, "publishedAt", time(l.getPublishedAt()));
        return m;
    }

    private static Map<String, Object> image(ImageRef i) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "href", i.getHref());
        put(m, "caption", i.getCaption());
        put(m, "credit", i.getCredit());
        put(m, "mimeType", i.getMimeType());
        put(m, "width", i.getWidth());
        put(m, "height", i.getHeight());
        return m;
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static String date(LocalDate date) {
        return date == null ? null : date.toString();
    }

    private static void put(Map<String, Object> doc, String field, Object value) {
        if (value != null) {
            doc.put(field, value);
        }
    }

    private static void putList(Map<String, Object> doc, String field, List<?> values) {
        if (values != null && !values.isEmpty()) {
            doc.put(field, values);
        }
    }
}

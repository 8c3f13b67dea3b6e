package news.pipeline.ingest.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import news.pipeline.events.AudioRef;
import news.pipeline.events.ImageRef;
import news.pipeline.events.PubStatus;
import news.pipeline.events.SourceLink;
import news.pipeline.events.SubjectRef;

/**
 * An article as a parser read it, before normalisation and identity. Times are already UTC
 * instants (each parser knows its source time zone); strings are as the feed wrote them.
 * The nested references use the event contract's own types, since they travel unchanged.
 *
 * @param version the feed's own version when it has one (ninjs, own JSON), else null
 */
public record ParsedArticle(
        SourceFormat format,
        String sourceId,
        String uri,
        Long version,
        Instant versionCreated,
        Instant firstCreated,
        PubStatus pubStatus,
        String language,
        String headline,
        String subheadline,
        String byline,
        String bodyText,
        String bodyHtml,
        String section,
        List<String> keywords,
        List<SubjectRef> subjects,
        String located,
        List<ImageRef> images,
        List<AudioRef> audio,
        List<SourceLink> sourceLinks) {

    public ParsedArticle {
        pubStatus = pubStatus == null ? PubStatus.usable : pubStatus;
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        subjects = subjects == null ? List.of() : List.copyOf(subjects);
        images = images == null ? List.of() : List.copyOf(images);
        audio = audio == null ? List.of() : List.copyOf(audio);
        sourceLinks = sourceLinks == null ? List.of() : List.copyOf(sourceLinks);
    }

    public boolean isKill() {
        return pubStatus == PubStatus.canceled;
    }

    public static Builder builder(SourceFormat format) {
        return new Builder(format);
    }

    public Builder toBuilder() {
        Builder b = new Builder(format);
        b.sourceId = sourceId;
        b.uri = uri;
        b.version = version;
        b.versionCreated = versionCreated;
        b.firstCreated = firstCreated;
        b.pubStatus = pubStatus;
        b.language = language;
        b.headline = headline;
        b.subheadline = subheadline;
        b.byline = byline;
        b.bodyText = bodyText;
        b.bodyHtml = bodyHtml;
        b.section = section;
        b.keywords.addAll(keywords);
        b.subjects.addAll(subjects);
        b.located = located;
        b.images.addAll(images);
        b.audio.addAll(audio);
        b.sourceLinks.addAll(sourceLinks);
        return b;
    }

    /** Mutable while a parser fills it in; parsers set what they find and leave the rest null. */
    public static final class Builder {
        private final SourceFormat format;
        private String sourceId;
        private String uri;
        private Long version;
        private Instant versionCreated;
        private Instant firstCreated;
        private PubStatus pubStatus;
        private String language;
        private String headline;
        private String subheadline;
        private String byline;
        private String bodyText;
        private String bodyHtml;
        private String section;
        private final List<String> keywords = new ArrayList<>();
        private final List<SubjectRef> subjects = new ArrayList<>();
        private String located;
        private final List<ImageRef> images = new ArrayList<>();
        private final List<AudioRef> audio = new ArrayList<>();
        private final List<SourceLink> sourceLinks = new ArrayList<>();

        private Builder(SourceFormat format) {
            this.format = format;
        }

        public Builder sourceId(String v) { sourceId = v; return this; }
        public Builder uri(String v) { uri = v; return this; }
        public Builder version(Long v) { version = v; return this; }
        public Builder versionCreated(Instant v) { versionCreated = v; return this; }
        public Builder firstCreated(Instant v) { firstCreated = v; return this; }
        public Builder pubStatus(PubStatus v) { pubStatus = v; return this; }
        public Builder language(String v) { language = v; return this; }
        public Builder headline(String v) { headline = v; return this; }
        public Builder subheadline(String v) { subheadline = v; return this; }
        public Builder byline(String v) { byline = v; return this; }
        public Builder bodyText(String v) { bodyText = v; return this; }
        public Builder bodyHtml(String v) { bodyHtml = v; return this; }
        public Builder section(String v) { section = v; return this; }
        public Builder keywords(List<String> v) { keywords.clear(); keywords.addAll(v); return this; }
        public Builder keyword(String v) { keywords.add(v); return this; }
        public Builder subjects(List<SubjectRef> v) { subjects.clear(); subjects.addAll(v); return this; }
        public Builder subject(SubjectRef v) { subjects.add(v); return this; }
        public Builder located(String v) { located = v; return this; }
        public Builder images(List<ImageRef> v) { images.clear(); images.addAll(v); return this; }
        public Builder image(ImageRef v) { images.add(v); return this; }
        public Builder audio(List<AudioRef> v) { audio.clear(); audio.addAll(v); return this; }
        public Builder audio(AudioRef v) { audio.add(v); return this; }
        public Builder sourceLinks(List<SourceLink> v) { sourceLinks.clear(); sourceLinks.addAll(v); return this; }
        public Builder sourceLink(SourceLink v) { sourceLinks.add(v); return this; }

        public String headline() { return headline; }
        public String sourceId() { return sourceId; }
        public String uri() { return uri; }

        public ParsedArticle build() {
            return new ParsedArticle(format, sourceId, uri, version, versionCreated, firstCreated, pubStatus, language,
                    headline, subheadline, byline, bodyText, bodyHtml, section, keywords, subjects, located, images,
                    audio, sourceLinks);
        }
    }
}

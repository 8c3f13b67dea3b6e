package news.pipeline.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import news.pipeline.benchmark.generate.GeneratedArticle;
import news.pipeline.benchmark.load.HttpPoster;
import news.pipeline.benchmark.load.RatePacer;
import news.pipeline.benchmark.observe.LagSampler;
import news.pipeline.benchmark.report.Results;
import news.pipeline.benchmark.report.Summary;

/**
 * The raw observations of one phase (what was posted, when it was answered, when each article was
 * first seen searchable) and how they become the phase's figures once the topics' timestamps are known.
 */
record PhaseRun(
        String name,
        List<GeneratedArticle> articles,
        int concurrency,
        double targetRate,
        List<HttpPoster.Outcome> outcomes,
        Map<String, Double> searchableAt,
        double startMs,
        double postingDoneMs,
        double endMs,
        List<LagSampler.Window> lag) {

    List<String> acceptedIds() {
        return outcomes.stream().filter(o -> o.accepted() && o.articleId() != null).map(HttpPoster.Outcome::articleId).toList();
    }

    /** End-to-end: from the first POST of the phase until its last article was searchable. */
    Results.Phase figures(Map<String, Long> rawAppend, Map<String, Long> enrichedAppend) {
        List<HttpPoster.Outcome> accepted = outcomes.stream().filter(o -> o.accepted() && o.articleId() != null).toList();
        int refused = (int) outcomes.stream().filter(o -> o.status() >= 400).count();
        int failed = (int) outcomes.stream().filter(o -> o.status() == 0).count();
        int throttled = outcomes.stream().mapToInt(HttpPoster.Outcome::throttled).sum();
        double firstSent = outcomes.stream().mapToDouble(HttpPoster.Outcome::sentMs).min().orElse(Double.NaN);
        double lastSent = outcomes.stream().mapToDouble(HttpPoster.Outcome::sentMs).max().orElse(Double.NaN);
        double lastAnswer = accepted.stream().mapToDouble(HttpPoster.Outcome::answeredMs).max().orElse(Double.NaN);

        List<Double> latency = new ArrayList<>();
        List<Double> answer = new ArrayList<>();
        List<Double> late = new ArrayList<>();
        List<Double> toRaw = new ArrayList<>();
        List<Double> rawToEnriched = new ArrayList<>();
        List<Double> enrichedToSearchable = new ArrayList<>();
        double lastSearchable = Double.NaN;
        int searchable = 0;
        int complete = 0;
        for (HttpPoster.Outcome o : accepted) {
            answer.add(o.answerMs());
            late.add(o.lateMs());
            Double seen = searchableAt.get(o.articleId());
            Long raw = rawAppend.get(o.articleId());
            Long enriched = enrichedAppend.get(o.articleId());
            if (seen != null) {
                searchable++;
                latency.add(seen - o.sentMs());
                lastSearchable = Double.isNaN(lastSearchable) ? seen : Math.max(lastSearchable, seen);
            }
            if (raw != null) {
                toRaw.add(raw - o.sentMs());
            }
            if (raw != null && enriched != null) {
                rawToEnriched.add((double) (enriched - raw));
            }
            if (enriched != null && seen != null) {
                enrichedToSearchable.add(seen - enriched);
            }
            if (raw != null && enriched != null && seen != null) {
                complete++;
            }
        }
        List<String> refusals = outcomes.stream().filter(o -> !o.accepted())
                .map(o -> "#" + o.index() + " " + o.status() + " " + o.error()).limit(10).toList();
        Results.Stages stages = new Results.Stages(Summary.of(answer), Summary.of(toRaw), Summary.of(rawToEnriched),
                Summary.of(enrichedToSearchable), Summary.of(latency), complete);
        return new Results.Phase(name, articles.size(), concurrency, targetRate, accepted.size(), refused, failed, throttled,
                searchable, accepted.size() - searchable,
                (lastAnswer - firstSent) / 1000.0, (lastSearchable - firstSent) / 1000.0,
                RatePacer.perSecond(accepted.size(), firstSent, lastAnswer),
                RatePacer.perSecond(outcomes.size() - 1, firstSent, lastSent),
                RatePacer.perSecond(searchable, firstSent, lastSearchable),
                Summary.of(latency), Summary.of(answer), Summary.of(late), stages, lag, refusals);
    }
}

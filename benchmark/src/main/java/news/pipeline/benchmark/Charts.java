package news.pipeline.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import news.pipeline.benchmark.load.HttpPoster;

/**
 * The run as pictures, one SVG file beside the JSON: the latency distribution (CDF of POST → searchable)
 * of every phase, and throughput over time (articles accepted by ingest, enriched, searchable, per
 * second). Plain SVG, no library: it opens in any browser and renders on GitHub.
 */
final class Charts {

    private static final int WIDTH = 960;
    private static final int PANEL = 340;
    private static final int LEFT = 70;
    private static final int RIGHT = 210;
    private static final int TOP = 40;
    private static final int BOTTOM = 45;
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"};

    private Charts() {
    }

    /** A named line of (x, y) points, with what its legend says of it. */
    record Series(String name, String legend, List<double[]> points) {
    }

    static String svg(String title, List<PhaseRun> runs, Map<String, Long> enrichedAppend) {
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n",
                WIDTH, 2 * PANEL + 30));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(text(LEFT, 20, escape(title), 14, "start"));
        panel(svg, 30, "Latency POST → searchable (CDF)", "ms after the POST", "share of the phase's articles",
                latencyCdf(runs), true);
        panel(svg, 30 + PANEL, "Throughput over time", "s since the first measured POST", "articles per second",
                throughput(runs, enrichedAppend), false);
        svg.append("</svg>\n");
        return svg.toString();
    }

    static List<Series> latencyCdf(List<PhaseRun> runs) {
        List<Series> series = new ArrayList<>();
        for (PhaseRun run : runs) {
            List<Double> latencies = new ArrayList<>();
            for (HttpPoster.Outcome o : run.outcomes()) {
                Double seen = o.articleId() == null ? null : run.searchableAt().get(o.articleId());
                if (o.accepted() && seen != null) {
                    latencies.add(seen - o.sentMs());
                }
            }
            latencies.sort(Double::compare);
            List<double[]> points = new ArrayList<>();
            for (int i = 0; i < latencies.size(); i++) {
                points.add(new double[] {latencies.get(i), (i + 1.0) / latencies.size()});
            }
            series.add(new Series(run.name(), run.name() + " (" + points.size() + " articles)", points));
        }
        return series;
    }

    /** Per-second counts of the phases' articles accepted, enriched (record time in the enriched topic) and searchable. */
    static List<Series> throughput(List<PhaseRun> runs, Map<String, Long> enrichedAppend) {
        double start = runs.stream().mapToDouble(PhaseRun::startMs).min().orElse(0);
        TreeMap<Long, Integer> accepted = new TreeMap<>();
        TreeMap<Long, Integer> enriched = new TreeMap<>();
        TreeMap<Long, Integer> searchable = new TreeMap<>();
        for (PhaseRun run : runs) {
            for (HttpPoster.Outcome o : run.outcomes()) {
                if (!o.accepted() || o.articleId() == null) {
                    continue;
                }
                accepted.merge(second(o.answeredMs(), start), 1, Integer::sum);
                Long at = enrichedAppend.get(o.articleId());
                if (at != null) {
                    enriched.merge(second(at, start), 1, Integer::sum);
                }
                Double seen = run.searchableAt().get(o.articleId());
                if (seen != null) {
                    searchable.merge(second(seen, start), 1, Integer::sum);
                }
            }
        }
        return List.of(perSecond("accepted", accepted), perSecond("enriched", enriched), perSecond("searchable", searchable));
    }

    private static long second(double atMs, double startMs) {
        return (long) Math.floor((atMs - startMs) / 1000);
    }

    private static Series perSecond(String name, TreeMap<Long, Integer> counts) {
        List<double[]> points = new ArrayList<>();
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        if (!counts.isEmpty()) {
            for (long s = Math.min(0, counts.firstKey()); s <= counts.lastKey(); s++) {
                points.add(new double[] {s, counts.getOrDefault(s, 0)});
            }
        }
        return new Series(name, name + " (" + total + " articles)", points);
    }

    private static void panel(StringBuilder svg, int y0, String title, String xLabel, String yLabel, List<Series> series,
            boolean logX) {
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = 0;
        for (Series s : series) {
            for (double[] p : s.points()) {
                minX = Math.min(minX, p[0]);
                maxX = Math.max(maxX, p[0]);
                maxY = Math.max(maxY, p[1]);
            }
        }
        if (minX > maxX) {
            svg.append(text(LEFT, y0 + TOP, title + ": no data", 12, "start"));
            return;
        }
        if (logX) {
            minX = Math.pow(10, Math.floor(Math.log10(Math.max(1, minX))));
            maxX = Math.pow(10, Math.ceil(Math.log10(Math.max(10, maxX))));
        }
        maxY = niceCeiling(maxY);
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = PANEL - TOP - BOTTOM;
        int top = y0 + TOP;
        Axis x = new Axis(minX, maxX, LEFT, LEFT + plotW, logX);
        Axis y = new Axis(0, maxY, top + plotH, top, false);
        svg.append(text(LEFT, y0 + 22, title, 13, "start"));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n",
                LEFT, top, plotW, plotH));
        for (double tick : x.ticks()) {
            double px = x.at(tick);
            svg.append(line(px, top, px, top + plotH, "#eee"));
            svg.append(text(px, top + plotH + 15, format(tick), 11, "middle"));
        }
        for (double tick : y.ticks()) {
            double py = y.at(tick);
            svg.append(line(LEFT, py, LEFT + plotW, py, "#eee"));
            svg.append(text(LEFT - 6, py + 4, format(tick), 11, "end"));
        }
        svg.append(text(LEFT + plotW / 2.0, top + plotH + 33, xLabel, 11, "middle"));
        svg.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\" "
                + "transform=\"rotate(-90 14 %.1f)\">%s</text>%n", top + plotH / 2.0, top + plotH / 2.0, yLabel));
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            String colour = COLOURS[i % COLOURS.length];
            StringBuilder points = new StringBuilder();
            for (double[] p : s.points()) {
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x.at(p[0]), y.at(p[1])));
            }
            svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.6\" points=\"%s\"/>%n",
                    colour, points.toString().trim()));
            double ly = top + 10 + i * 18;
            svg.append(line(LEFT + plotW + 12, ly, LEFT + plotW + 34, ly, colour));
            svg.append(text(LEFT + plotW + 40, ly + 4, escape(s.legend()), 11, "start"));
        }
    }

    private record Axis(double min, double max, double from, double to, boolean log) {

        double at(double v) {
            double share = log ? (Math.log10(Math.max(v, min)) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))
                    : (v - min) / (max - min == 0 ? 1 : max - min);
            return from + share * (to - from);
        }

        List<Double> ticks() {
            List<Double> ticks = new ArrayList<>();
            if (log) {
                for (double t = min; t <= max * 1.0001; t *= 10) {
                    ticks.add(t);
                }
                return ticks;
            }
            double step = niceCeiling((max - min) / 5);
            for (double t = min; t <= max + step / 1000; t += step) {
                ticks.add(t);
            }
            return ticks;
        }
    }

    /** 1, 2 or 5 times a power of ten, at least {@code v}. */
    static double niceCeiling(double v) {
        if (v <= 0) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= v) {
                return m * power;
            }
        }
        return 10 * power;
    }

    private static String format(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String line(double x1, double y1, double x2, double y2, String colour) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>%n",
                x1, y1, x2, y2, colour);
    }

    private static String text(double x, double y, String text, int size, String anchor) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" text-anchor=\"%s\">%s</text>%n",
                x, y, size, anchor, text);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

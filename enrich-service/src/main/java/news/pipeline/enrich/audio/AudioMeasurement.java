package news.pipeline.enrich.audio;

/** What measuring the file gave. */
public record AudioMeasurement(double durationSeconds, Integer bitrateKbps, Integer sampleRateHz, Integer channels,
        String codec, long sizeBytes, String id3Title, String id3Artist) {
}

package news.pipeline.enrich.category;

/**
 * Thresholds of the category signals.
 *
 * @param maxCategories        categories kept per article, best first
 * @param lexiconMinRaw        least raw lexicon evidence for a top-level topic
 * @param lexiconMinShare      least share of all top-level lexicon evidence (the best topic is kept regardless)
 * @param secondLevelMinRaw    least raw evidence for a second-level topic ("strong evidence")
 * @param secondLevelMinShare  least share of its parent's evidence for a second-level topic
 * @param similarMinNeighbours least similar articles agreeing before their topic is proposed
 * @param similarMinVote       least share of the neighbours' similarity carrying the topic
 */
public record CategorySettings(int maxCategories, double lexiconMinRaw, double lexiconMinShare,
        double secondLevelMinRaw, double secondLevelMinShare, int similarMinNeighbours, double similarMinVote) {

    public static CategorySettings defaults() {
        return new CategorySettings(4, 3.0, 0.25, 6.0, 0.5, 2, 0.5);
    }
}

package dev.longhaul.scoring;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The seed's ten heuristic quality metrics of one response, computed exactly as the seed's Python
 * {@code compute_quality_metrics} computes them (Python 3.11, Unicode 14.0), so that for every input the numbers
 * equal Python's, bit for bit.
 *
 * <p>Lengths and counts are in code points ({@code len()} of a Python {@code str}), and every Unicode rule
 * ({@code \w}, {@code \b}, {@code \s}, {@code \d}, {@code str.lower()}, {@code str.strip()}) is Python's, not
 * Java's: for example U+00A0 (no-break space) is whitespace, {@code "İ".lower()} is two code points, and a
 * capital sigma lowercases to final sigma at the end of a word. The seed's quirks are kept; each metric documents
 * its own. Use {@link ListRule#MARKDOWN} for a {@code has_lists} that also recognises Markdown bullets.
 *
 * @param responseLength         {@code len(response)}: code points
 * @param lineCount              {@code response.count("\n") + 1}: 1 for an empty response; {@code '\r'} alone
 *                               does not end a line
 * @param codeDensity            share of the indicators {@code "def ", "class ", "import ", "return ", "if ",
 *                               "for ", "while ", "{", "}", "=>"} occurring anywhere as substrings (so
 *                               {@code "if "} in prose or in {@code "elif "} counts), in steps of 0.1
 * @param hallucinatedReferences how many of seven phrases such as "as mentioned earlier" or "like before" occur
 *                               in the lowercased response (each at most once)
 * @param hasHeaders             a line starting with one to three {@code #} then whitespace; a line of only
 *                               {@code "#"} counts, because the line end is whitespace
 * @param hasCodeBlocks          at least two non-overlapping {@code ```} anywhere, fenced or not
 * @param hasLists               per the {@link ListRule} used; the seed's rule needs a dot after the bullet
 * @param repetitionRatio        {@code 1 - unique / max(count, 1)} over sentences: pieces between runs of
 *                               {@code .!?} longer than 20 code points once stripped, compared lowercased; 1.0
 *                               (the worst) when there is no such sentence at all
 * @param promptRelevance        share of the prompt's keywords (runs of four or more word characters in the
 *                               lowercased prompt) found among the response's; 0 when the prompt has none
 * @param qualityScore           the seed's composite in [0, 1], see {@link #compute(String, String, ListRule)}
 */
public record HeuristicMetrics(
        int responseLength,
        int lineCount,
        double codeDensity,
        int hallucinatedReferences,
        boolean hasHeaders,
        boolean hasCodeBlocks,
        boolean hasLists,
        double repetitionRatio,
        double promptRelevance,
        double qualityScore) {

    /**
     * The seed's metrics, with the seed's list rule.
     *
     * @param prompt   the prompt of the turn
     * @param response the response to score
     * @return the metrics
     */
    public static HeuristicMetrics compute(String prompt, String response) {
        return compute(prompt, response, ListRule.SEED);
    }

    /**
     * The seed's metrics with a chosen list rule. The composite is, evaluated left to right in doubles as the
     * seed does:
     * <pre>
     * 0.25 * min(code_density * 3, 1)
     * + 0.20 * min(prompt_relevance * 2, 1)
     * + 0.20 * (1 - min(repetition_ratio * 5, 1))
     * + 0.15 * (has_code_blocks ? 1 : 0.5)
     * + 0.10 * (1 - min(hallucinated_references * 0.3, 1))
     * + 0.10 * (has_lists ? 1 : 0.7)
     * </pre>
     *
     * @param prompt   the prompt of the turn
     * @param response the response to score
     * @param listRule how {@code has_lists} is decided
     * @return the metrics
     */
    public static HeuristicMetrics compute(String prompt, String response, ListRule listRule) {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(listRule, "listRule");
        char[] responseChars = response.toCharArray();
        PythonLowercase lowerResponse = PythonLowercase.of(responseChars, 0, responseChars.length);
        PythonLowercase lowerPrompt = PythonLowercase.of(prompt.toCharArray(), 0, prompt.length());

        int responseLength = lowerResponse.sourceCodePoints();
        int lineCount = countNewlines(response) + 1;
        double codeDensity = CodeIndicators.density(response);
        int hallucinatedReferences = HallucinationPhrases.count(lowerResponse.chars(), lowerResponse.length());
        boolean hasHeaders = MarkdownStructure.hasHeaders(response);
        boolean hasCodeBlocks = MarkdownStructure.hasCodeBlocks(response);
        boolean hasLists = listRule.hasLists(response);
        double repetitionRatio = SentenceRepetition.ratio(responseChars, lowerResponse);
        double promptRelevance = PromptRelevance.ratio(lowerPrompt, lowerResponse);

        double qualityScore = 0.25 * Math.min(codeDensity * 3, 1.0)
                + 0.20 * Math.min(promptRelevance * 2, 1.0)
                + 0.20 * (1.0 - Math.min(repetitionRatio * 5, 1.0))
                + 0.15 * (hasCodeBlocks ? 1.0 : 0.5)
                + 0.10 * (1.0 - Math.min(hallucinatedReferences * 0.3, 1.0))
                + 0.10 * (hasLists ? 1.0 : 0.7);

        return new HeuristicMetrics(responseLength, lineCount, codeDensity, hallucinatedReferences, hasHeaders,
                hasCodeBlocks, hasLists, repetitionRatio, promptRelevance, qualityScore);
    }

    /**
     * The metrics under the seed's keys and in its order, without {@code quality_score}: integers as
     * {@link Integer}, ratios as {@link Double}, flags as {@link Boolean}.
     *
     * @return an ordered, modifiable map
     */
    public Map<String, Object> toMetricMap() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("response_length", responseLength);
        metrics.put("line_count", lineCount);
        metrics.put("code_density", codeDensity);
        metrics.put("hallucinated_references", hallucinatedReferences);
        metrics.put("has_headers", hasHeaders);
        metrics.put("has_code_blocks", hasCodeBlocks);
        metrics.put("has_lists", hasLists);
        metrics.put("repetition_ratio", repetitionRatio);
        metrics.put("prompt_relevance", promptRelevance);
        return metrics;
    }

    /**
     * These metrics as a turn score: {@link #toMetricMap()} followed by {@code quality_score}.
     *
     * @return the score
     */
    public TurnScore toTurnScore() {
        Map<String, Object> metrics = toMetricMap();
        metrics.put(TurnScore.QUALITY_SCORE, qualityScore);
        return new TurnScore(metrics);
    }

    private static int countNewlines(String s) {
        int count = 0;
        for (int i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) {
            count++;
        }
        return count;
    }
}

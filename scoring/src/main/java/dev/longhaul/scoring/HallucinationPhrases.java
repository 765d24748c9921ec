package dev.longhaul.scoring;

import java.util.List;

/**
 * The seed's {@code hallucinated_references}: how many of seven phrases that refer back to earlier context occur
 * in the lowercased response (each phrase counts at most once).
 *
 * <p>Python lowercases the whole response first, so the Kelvin sign U+212A matches {@code k} ("li\u212Ae before"
 * counts), while {@code 'İ'} becomes {@code "i\u0307"} and so never yields a plain {@code i}.
 */
final class HallucinationPhrases {

    /** The seed's phrases, in its order; all already lowercase. */
    static final List<String> PHRASES = List.of(
            "as mentioned earlier", "as we discussed", "like before",
            "remember when", "from the previous turn", "as shown above",
            "earlier in our conversation");

    private HallucinationPhrases() {
    }

    /** @param lowerResponse the response after {@code str.lower()} */
    static int count(String lowerResponse) {
        int found = 0;
        for (String phrase : PHRASES) {
            if (lowerResponse.contains(phrase)) {
                found++;
            }
        }
        return found;
    }
}

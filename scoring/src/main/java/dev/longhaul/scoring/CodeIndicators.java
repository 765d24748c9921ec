package dev.longhaul.scoring;

import java.util.List;

/**
 * The seed's {@code code_density}: the share of ten code-like substrings that occur anywhere in the response.
 *
 * <p>Substring tests, as in the seed: {@code "if "} also counts inside {@code "elif "} or plain prose ("if you"),
 * {@code "{"} inside any text, and each indicator counts at most once however often it occurs.
 */
final class CodeIndicators {

    /** The seed's indicators, in its order. */
    static final List<String> INDICATORS =
            List.of("def ", "class ", "import ", "return ", "if ", "for ", "while ", "{", "}", "=>");

    private CodeIndicators() {
    }

    static double density(String response) {
        int present = 0;
        for (String indicator : INDICATORS) {
            if (response.contains(indicator)) {
                present++;
            }
        }
        return (double) present / INDICATORS.size();
    }
}

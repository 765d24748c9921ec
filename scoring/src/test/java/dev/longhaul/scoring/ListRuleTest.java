package dev.longhaul.scoring;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ListRuleTest {

    @ParameterizedTest
    @ValueSource(strings = {"- item", "* item", "+ item", "1. item", "1) item", "10. item", "123456789) item",
            "  - nested", "\t* nested", "   3. indented", "- [ ] todo", "intro\n- item", "intro\r\n- item", "1.\titem"})
    void markdownRuleAcceptsMarkdownItems(String text) {
        assertTrue(ListRule.MARKDOWN.hasLists(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-. odd", "*. odd", "\u0663. Arabic-Indic", "\uD835\uDFCE. bold digit", "1.\u00a0nbsp",
            "Steps:\n1.\nmore"})
    void markdownRuleKeepsEverythingTheSeedAccepts(String text) {
        assertTrue(ListRule.SEED.hasLists(text), text);
        assertTrue(ListRule.MARKDOWN.hasLists(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"---", "***", "**bold** text", "-item", "*emphasis*", "1234567890. ten digits",
            "\u2022 bullet glyph", "1.5 is a number", "-\u00a0nbsp after bullet", "intro\r- after a lone CR",
            "", "2)"})
    void markdownRuleRejectsNonItems(String text) {
        assertFalse(ListRule.MARKDOWN.hasLists(text), text);
    }
}

package dev.longhaul.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The documented spellings of a repeat, each in one place. */
class RunNamesTest {

    @Test
    void aRepeatIsSpelledAsTheDocsSayWhereItShows() {
        assertEquals("q8_0 r2", RunNames.repeat("q8_0", 2), "progress lines");
        assertEquals("q8_0.r2", RunNames.repeatFile("q8_0", 2), "DIR/q8_0.r2.json");
        assertEquals("q8_0#2", RunNames.another("q8_0", 2), "a page's second run labelled q8_0");
    }
}

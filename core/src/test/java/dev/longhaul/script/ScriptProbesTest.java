package dev.longhaul.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptProbesTest {

    @TempDir
    Path dir;

    private static final String PLANT = "{\"prompt\": \"Call the class TokenBucketPro from now on.\","
            + " \"plant\": {\"key\": \"class_name\", \"value\": \"TokenBucketPro\"}}";

    private static Script parse(String phases) {
        return Script.fromJson("{\"name\": \"t\", \"phases\": [" + phases + "]}", "t");
    }

    private Script load(String phases) throws Exception {
        return Script.load(Files.writeString(dir.resolve("s.json"), "{\"phases\": [" + phases + "]}"));
    }

    @Test
    void readsPlantAndProbeTurnsBesidePlainPrompts() {
        Script s = parse("{\"phase\": \"a\", \"turns\": [\"Write a limiter.\", " + PLANT + "]},"
                + "{\"phase\": \"b\", \"turns\": [\"Add tests.\", {\"prompt\": \"What did we call the class?\","
                + " \"probe\": {\"key\": \"class_name\", \"expect\": [\"TokenBucketPro\", \"TBP\"]}}]}");
        List<ScriptedTurn> turns = s.turns(4);
        assertEquals(TurnMarks.NONE, turns.get(0).marks());
        assertEquals(new TurnMarks(new Plant("class_name", "TokenBucketPro"), null, true), turns.get(1).marks());
        assertEquals("Call the class TokenBucketPro from now on.", turns.get(1).prompt());
        assertEquals(new Probe("class_name", List.of("TokenBucketPro", "TBP")), turns.get(3).marks().probe());
        assertTrue(turns.get(3).marks().excludedFromQuality());
        assertEquals("b", turns.get(3).phase());
        assertTrue(s.hasProbes());
        assertFalse(Script.seed().hasProbes());
    }

    @Test
    void aProbeExpectsThePlantedValueUnlessToldOtherwiseAndExclusionCanBeSwitched() {
        Script s = parse("{\"phase\": \"a\", \"turns\": [" + PLANT + ", {\"prompt\": \"Name the class again?\","
                + " \"probe\": {\"key\": \"class_name\"}, \"excluded_from_quality\": false}, {\"prompt\": \"Stretch.\", \"excluded_from_quality\": true},"
                + " {\"prompt\": \"Which class?\", \"probe\": {\"key\": \"class_name\", \"expect\": \"TBP\"}}]}");
        List<ScriptedTurn> turns = s.turns(4);
        assertEquals(List.of("TokenBucketPro"), turns.get(1).marks().probe().expect());
        assertFalse(turns.get(1).marks().excludedFromQuality());
        assertEquals(new TurnMarks(null, null, true), turns.get(2).marks());
        assertEquals(List.of("TBP"), turns.get(3).marks().probe().expect());
    }

    @Test
    void writesJsonThatReadsBackToTheSameScript() throws Exception {
        Script s = parse("{\"phase\": \"a\", \"turns\": [\"Write a limiter.\", " + PLANT + "]},"
                + "{\"phase\": \"b\", \"turns\": [{\"prompt\": \"What did we call it?\", \"probe\": {\"key\": \"class_name\"}},"
                + " {\"prompt\": \"Recap.\", \"excluded_from_quality\": true}]}");
        assertEquals(s, Script.fromJson(s.toJson(), "other"));
        assertEquals(Script.seed(), Script.fromJson(Script.seed().toJson(), "x"));
        Script probes = Script.seedWithProbes();
        assertEquals(probes, Script.load(Files.writeString(dir.resolve("p.json"), probes.toJson())));
    }

    @Test
    void badPlantsAndProbesGiveOneLineNamingTheTurn() throws Exception {
        Path file = dir.resolve("s.json");
        assertEquals("script " + file + ": phase 'a' turn 1: probe 'x' has no plant before it",
                assertThrows(ScriptFormatException.class, () -> load("{\"phase\": \"a\", \"turns\": ["
                        + "{\"prompt\": \"What?\", \"probe\": {\"key\": \"x\"}}]}")).getMessage());
        assertEquals("script " + file + ": phase 'a' turn 1: probe 'x' has no plant before it",
                assertThrows(ScriptFormatException.class, () -> load("{\"phase\": \"a\", \"turns\": ["
                        + "{\"prompt\": \"What?\", \"probe\": {\"key\": \"x\", \"expect\": \"y\"}}]}")).getMessage());
        assertEquals("script " + file + ": phase 'a' turn 1: plant 'k' value \"Zed\" does not occur in its prompt",
                assertThrows(ScriptFormatException.class, () -> load("{\"phase\": \"a\", \"turns\": ["
                        + "{\"prompt\": \"Call it Zeds.\", \"plant\": {\"key\": \"k\", \"value\": \"Zed\"}}]}")).getMessage());
        assertEquals("script " + file + ": phase 'a' turn 2: probe 'class_name' gives its answer away in its own prompt",
                assertThrows(ScriptFormatException.class, () -> load("{\"phase\": \"a\", \"turns\": [" + PLANT
                        + ", {\"prompt\": \"Was it tokenbucketpro?\", \"probe\": {\"key\": \"class_name\"}}]}")).getMessage());
        assertEquals("script " + file + ": phase 'a' turn 1 has an unknown key \"plnt\" (known: prompt, plant, probe, excluded_from_quality)",
                assertThrows(ScriptFormatException.class, () -> load("{\"phase\": \"a\", \"turns\": ["
                        + "{\"prompt\": \"Hi.\", \"plnt\": {}}]}")).getMessage());
        assertEquals("script " + file + ": phase 'a' turn 1 has no \"prompt\" string",
                assertThrows(ScriptFormatException.class, () -> load("{\"phase\": \"a\", \"turns\": ["
                        + "{\"plant\": {\"key\": \"k\", \"value\": \"v\"}}]}")).getMessage());
        assertEquals("script " + file + ": phase 'a' turn 1 plant has no \"value\" string",
                assertThrows(ScriptFormatException.class, () -> load("{\"phase\": \"a\", \"turns\": ["
                        + "{\"prompt\": \"Hi.\", \"plant\": {\"key\": \"k\"}}]}")).getMessage());
        assertEquals("script " + file + ": phase 'a' turn 1: plant 'k' needs a value",
                assertThrows(ScriptFormatException.class, () -> load("{\"phase\": \"a\", \"turns\": ["
                        + "{\"prompt\": \"Hi.\", \"plant\": {\"key\": \"k\", \"value\": \" \"}}]}")).getMessage());
        assertEquals("script " + file + ": phase 'a' turn 2: probe 'class_name' \"expect\" must be a string or a non-empty"
                        + " list of strings",
                assertThrows(ScriptFormatException.class, () -> load("{\"phase\": \"a\", \"turns\": [" + PLANT
                        + ", {\"prompt\": \"Which?\", \"probe\": {\"key\": \"class_name\", \"expect\": []}}]}")).getMessage());
        assertEquals("script " + file + ": phase 'a' turn 1: \"excluded_from_quality\" must be true or false",
                assertThrows(ScriptFormatException.class, () -> load("{\"phase\": \"a\", \"turns\": ["
                        + "{\"prompt\": \"Hi.\", \"excluded_from_quality\": \"yes\"}]}")).getMessage());
        assertEquals("script " + file + ": phase 'a' has a turn that is neither a prompt string nor an object",
                assertThrows(ScriptFormatException.class, () -> load("{\"phase\": \"a\", \"turns\": [3]}")).getMessage());
    }

    @Test
    void theSeedWithProbesPlaysTheSeedsFiftyPromptsUnchangedAndInOrder() {
        Script seed = Script.seed();
        Script probes = Script.seedWithProbes();
        assertEquals("seed+probes", probes.name());
        assertEquals(62, probes.cycleLength());
        List<ScriptedTurn> played = probes.turns(62);
        List<ScriptedTurn> ordinary = played.stream().filter(t -> t.marks().isNone()).toList();
        assertEquals(seed.turns(50).stream().map(ScriptedTurn::prompt).toList(),
                ordinary.stream().map(ScriptedTurn::prompt).toList());
        assertEquals(seed.turns(50).stream().map(ScriptedTurn::phase).toList(),
                ordinary.stream().map(ScriptedTurn::phase).toList());
        assertTrue(played.stream().filter(t -> !t.marks().isNone()).allMatch(t -> t.marks().excludedFromQuality()));
        assertEquals(seed.phases().stream().map(Phase::name).toList(), probes.phases().stream().map(Phase::name).toList());
    }

    @Test
    void theSeedProbesCoverEveryDistanceBucket() {
        Map<String, Integer> plantedAt = new HashMap<>();
        List<String> distances = new ArrayList<>();
        for (ScriptedTurn t : Script.seedWithProbes().turns(62)) {
            TurnMarks m = t.marks();
            if (m.plant() != null) {
                plantedAt.put(m.plant().key(), t.turn());
            }
            if (m.probe() != null) {
                distances.add(m.probe().key() + "@" + t.turn() + "-" + plantedAt.get(m.probe().key()));
            }
        }
        assertEquals(List.of("burst_constant@5-2", "metrics_namespace@22-10", "config_path@24-14",
                "team_name@43-16", "max_entries@45-26", "error_code@60-35"), distances);
    }

    @Test
    void aPlainPhaseHasNoMarks() {
        Phase p = new Phase("a", List.of("x", "y"));
        assertEquals(List.of(TurnMarks.NONE, TurnMarks.NONE), p.marks());
        assertNull(new ScriptedTurn(1, "a", "x").marks().plant());
        assertEquals("phase 'a' has 1 marks for 2 prompts", assertThrows(IllegalArgumentException.class,
                () -> new Phase("a", List.of("x", "y"), List.of(TurnMarks.NONE))).getMessage());
    }
}

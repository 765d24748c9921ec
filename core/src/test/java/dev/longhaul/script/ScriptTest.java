package dev.longhaul.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptTest {

    @TempDir
    Path dir;

    @Test
    void theSeedScriptHasFivePhasesOfTenPrompts() {
        Script seed = Script.seed();
        assertEquals(List.of("code_gen", "debug", "refactor", "testing", "iteration"),
                seed.phases().stream().map(Phase::name).toList());
        seed.phases().forEach(p -> assertEquals(10, p.prompts().size()));
        assertTrue(seed.phases().get(0).prompts().get(0).startsWith("Write a Python class called RateLimiter"));
        assertEquals("Write a migration guide and changelog for v2.0 with all the new features and breaking changes.",
                seed.phases().get(4).prompts().get(9));
    }

    @Test
    void cyclesAsTheSeedDoes() {
        List<ScriptedTurn> turns = Script.seed().turns(120);
        assertEquals(120, turns.size());
        for (int i = 50; i < 120; i++) {
            assertEquals(turns.get(i % 50).prompt(), turns.get(i).prompt());
            assertEquals(turns.get(i % 50).phase(), turns.get(i).phase());
            assertEquals(i + 1, turns.get(i).turn());
        }
        assertEquals(7, Script.seed().turns(7).size());
    }

    @Test
    void loadsTheDocumentedShapes() throws Exception {
        Path object = Files.writeString(dir.resolve("mine.json"),
                "{\"name\":\"mine\",\"phases\":[{\"phase\":\"a\",\"turns\":[\"x1\",\"x2\"]},{\"name\":\"b\",\"prompts\":[\"y\"]}]}");
        Script s = Script.load(object);
        assertEquals("mine", s.name());
        assertEquals(List.of("a", "a", "b"), s.turns(3).stream().map(ScriptedTurn::phase).toList());

        Path array = Files.writeString(dir.resolve("cycle.json"), "[{\"phase\":\"p\",\"turns\":[\"only\"]}]");
        assertEquals("cycle", Script.load(array).name());
    }

    @Test
    void badFilesGiveOneLineNamingTheFileAndTheProblem() throws Exception {
        Path missing = dir.resolve("nope.json");
        assertEquals("script " + missing + ": file not found",
                assertThrows(ScriptFormatException.class, () -> Script.load(missing)).getMessage());

        Path empty = Files.writeString(dir.resolve("empty.json"), "");
        assertEquals("script " + empty + ": file is empty",
                assertThrows(ScriptFormatException.class, () -> Script.load(empty)).getMessage());

        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"phases\": [");
        assertTrue(assertThrows(ScriptFormatException.class, () -> Script.load(broken)).getMessage()
                .startsWith("script " + broken + ": not valid JSON"));

        Path noPrompts = Files.writeString(dir.resolve("np.json"), "{\"phases\":[{\"phase\":\"a\",\"turns\":[]}]}");
        assertEquals("script " + noPrompts + ": phase 'a' has no prompts",
                assertThrows(ScriptFormatException.class, () -> Script.load(noPrompts)).getMessage());

        Path wrong = Files.writeString(dir.resolve("wrong.json"), "{\"config\":{}}");
        assertEquals("script " + wrong + ": expected an object with a \"phases\" array, or an array of phases",
                assertThrows(ScriptFormatException.class, () -> Script.load(wrong)).getMessage());
    }
}

package dev.longhaul.script;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A conversation script: phases of prompts played in order and cycled until the requested number of turns is
 * reached, exactly as the seed does (turn {@code i} plays prompt {@code i mod n} of the flattened phases).
 *
 * <p>The default, {@link #seed()}, is the seed's 50-turn coding conversation: {@code code_gen}, {@code debug},
 * {@code refactor}, {@code testing}, {@code iteration}, ten prompts each. Scripts of your own load from JSON with
 * {@link #load(Path)}:
 *
 * <pre>{@code
 * {"name": "my-script",
 *  "phases": [{"phase": "warmup", "turns": ["Write a stack class.", "Add a peek method."]},
 *             {"phase": "tests",  "turns": ["Write unit tests for it."]}]}
 * }</pre>
 *
 * <p>A phase's prompts may also be given as {@code "prompts"}, its name as {@code "name"}, and the whole file may
 * be just the array of phases (the seed's {@code CONVERSATION_CYCLE} shape).
 *
 * @param name   the script's name, recorded in reports
 * @param phases the phases in order; never empty
 */
public record Script(String name, List<Phase> phases) {

    private static final String SEED_RESOURCE = "seed-script.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Copies the phases and rejects an empty script. */
    public Script {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a script needs a name");
        }
        phases = List.copyOf(Objects.requireNonNull(phases, "phases"));
        if (phases.isEmpty()) {
            throw new IllegalArgumentException("script '" + name + "' has no phases");
        }
    }

    /** @return the seed's 5 phases × 10 prompts */
    public static Script seed() {
        try (InputStream in = Script.class.getResourceAsStream(SEED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the seed script resource is missing from the class path");
            }
            return parse(JSON.readTree(in), "seed");
        } catch (IOException e) {
            throw new UncheckedIOException("the seed script resource could not be read", e);
        }
    }

    /**
     * Loads a script from a JSON file.
     *
     * @param file the file
     * @return the script, named after the file's {@code name} key or else the file name
     * @throws ScriptFormatException naming the file and the problem when it is missing, unreadable or not a script
     */
    public static Script load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ScriptFormatException("script " + file + ": file not found", e);
        } catch (IOException e) {
            throw new ScriptFormatException("script " + file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ScriptFormatException("script " + file + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (root == null || root.isMissingNode()) {
            throw new ScriptFormatException("script " + file + ": file is empty", null);
        }
        String fallbackName = file.getFileName().toString().replaceFirst("\\.json$", "");
        try {
            return parse(root, fallbackName);
        } catch (IllegalArgumentException e) {
            throw new ScriptFormatException("script " + file + ": " + e.getMessage(), e);
        }
    }

    private static Script parse(JsonNode root, String fallbackName) {
        JsonNode phaseNodes = root.isArray() ? root : root.path("phases");
        if (!phaseNodes.isArray()) {
            throw new IllegalArgumentException("expected an object with a \"phases\" array, or an array of phases");
        }
        String name = root.path("name").isTextual() ? root.path("name").asText() : fallbackName;
        List<Phase> phases = new ArrayList<>();
        int index = 0;
        for (JsonNode p : phaseNodes) {
            index++;
            JsonNode phaseName = p.has("phase") ? p.get("phase") : p.path("name");
            JsonNode prompts = p.has("turns") ? p.get("turns") : p.path("prompts");
            if (!phaseName.isTextual()) {
                throw new IllegalArgumentException("phase " + index + " has no \"phase\" name");
            }
            if (!prompts.isArray()) {
                throw new IllegalArgumentException("phase '" + phaseName.asText() + "' has no \"turns\" array");
            }
            List<String> texts = new ArrayList<>();
            for (JsonNode t : prompts) {
                if (!t.isTextual()) {
                    throw new IllegalArgumentException("phase '" + phaseName.asText() + "' has a prompt that is not a string");
                }
                texts.add(t.asText());
            }
            phases.add(new Phase(phaseName.asText(), texts));
        }
        return new Script(name, phases);
    }

    /** @return the number of prompts in one cycle of the script */
    public int cycleLength() {
        return phases.stream().mapToInt(p -> p.prompts().size()).sum();
    }

    /**
     * The turns to play: the flattened phases cycled to reach {@code total} turns, as the seed does.
     *
     * @param total the number of turns, at least 1
     * @return {@code total} turns numbered from 1
     */
    public List<ScriptedTurn> turns(int total) {
        if (total < 1) {
            throw new IllegalArgumentException("turns must be at least 1, was " + total);
        }
        List<ScriptedTurn> flat = new ArrayList<>();
        for (Phase phase : phases) {
            for (String prompt : phase.prompts()) {
                flat.add(new ScriptedTurn(flat.size() + 1, phase.name(), prompt));
            }
        }
        List<ScriptedTurn> turns = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            ScriptedTurn t = flat.get(i % flat.size());
            turns.add(new ScriptedTurn(i + 1, t.phase(), t.prompt()));
        }
        return turns;
    }
}

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
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

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
 * <p><b>Recall probes.</b> A turn may also be an object that plants a fact or asks for one planted earlier:
 *
 * <pre>{@code
 * {"prompt": "Call the class TokenBucketPro from now on.", "plant": {"key": "class_name", "value": "TokenBucketPro"}}
 * {"prompt": "What did we call the class?", "probe": {"key": "class_name", "expect": ["TokenBucketPro"]}}
 * }</pre>
 *
 * <p>{@code expect} is a string or a list of alternatives and defaults to the planted value. A turn with a plant or
 * a probe is excluded from the quality figures (see {@link TurnMarks}) unless it says
 * {@code "excluded_from_quality": false}; {@code "excluded_from_quality": true} excludes any turn. A script is
 * checked when it is made: every probe needs a plant of its key earlier in the script, a plant's value must occur
 * in its prompt, and a probe's prompt must not contain an expected answer.
 * {@link #seedWithProbes()} is the seed's conversation with a default set of plants and probes between its prompts.
 *
 * @param name   the script's name, recorded in reports
 * @param phases the phases in order; never empty
 */
public record Script(String name, List<Phase> phases) {

    private static final String SEED_RESOURCE = "seed-script.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Copies the phases and checks the script as the class describes.
     *
     * @param name   the script's name, recorded in reports; not blank
     * @param phases the phases in order; never empty
     * @throws IllegalArgumentException when the name is blank, there is no phase, a probe has no earlier plant of
     *                                  its key, a plant's value is not in its prompt, or a probe's prompt holds an
     *                                  expected answer
     */
    public Script {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a script needs a name");
        }
        phases = List.copyOf(Objects.requireNonNull(phases, "phases"));
        if (phases.isEmpty()) {
            throw new IllegalArgumentException("script '" + name + "' has no phases");
        }
        checkPlantsAndProbes(phases);
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
        return ScriptJson.read(root, fallbackName);
    }

    /**
     * Reads a script from its JSON text, in the shape {@link #load(Path)} reads.
     *
     * @param json         the text
     * @param fallbackName the name when the text has none
     * @return the script
     * @throws IllegalArgumentException naming the problem when the text is not a script
     */
    public static Script fromJson(String json, String fallbackName) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (root == null || root.isMissingNode()) {
            throw new IllegalArgumentException("the script text is empty");
        }
        return parse(root, fallbackName);
    }

    /**
     * The script's JSON text, which {@link #fromJson(String, String)} and {@link #load(Path)} read back to an equal
     * script: ordinary turns as prompt strings, marked ones as objects.
     *
     * @return one line of JSON
     */
    public String toJson() {
        return ScriptJson.write(this);
    }

    /**
     * The seed's 50 prompts, unchanged and in order, with recall probes between them: six facts about the rate
     * limiter the conversation builds (a constant's name, the metrics namespace, the config file's path, the
     * maintainers' team, a production setting, an error code), each planted by a turn of its own and asked for by
     * another one 3 to 27 turns later, all twelve excluded from the quality figures. One cycle is 62 turns; an inserted turn belongs to the phase of the
     * seed prompt it follows, so seed prompt {@code n} is played as turn {@code n} plus the number of inserted turns
     * before it.
     *
     * @return the script named {@code seed+probes}
     */
    public static Script seedWithProbes() {
        return SeedProbes.insertInto(seed());
    }

    /** @return whether any turn plants or probes a fact */
    public boolean hasProbes() {
        return phases.stream().flatMap(p -> p.marks().stream()).anyMatch(m -> m.plant() != null || m.probe() != null);
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
        List<ScriptedTurn> flat = flatten(phases);
        List<ScriptedTurn> turns = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            ScriptedTurn t = flat.get(i % flat.size());
            turns.add(new ScriptedTurn(i + 1, t.phase(), t.prompt(), t.marks()));
        }
        return turns;
    }

    private static List<ScriptedTurn> flatten(List<Phase> phases) {
        List<ScriptedTurn> flat = new ArrayList<>();
        for (Phase phase : phases) {
            for (int i = 0; i < phase.prompts().size(); i++) {
                flat.add(new ScriptedTurn(flat.size() + 1, phase.name(), phase.prompts().get(i), phase.marks().get(i)));
            }
        }
        return flat;
    }

    /** Probes need an earlier plant; plants must state their fact; probes must not give their answer away. */
    private static void checkPlantsAndProbes(List<Phase> phases) {
        Set<String> planted = new HashSet<>();
        for (Phase phase : phases) {
            for (int i = 0; i < phase.prompts().size(); i++) {
                String where = "phase '" + phase.name() + "' turn " + (i + 1);
                String prompt = phase.prompts().get(i);
                TurnMarks marks = phase.marks().get(i);
                Probe probe = marks.probe();
                if (probe != null) {
                    if (!planted.contains(probe.key())) {
                        throw new IllegalArgumentException(where + ": probe '" + probe.key() + "' has no plant before it");
                    }
                    if (probe.isAnsweredBy(prompt)) {
                        throw new IllegalArgumentException(where + ": probe '" + probe.key()
                                + "' gives its answer away in its own prompt");
                    }
                }
                Plant plant = marks.plant();
                if (plant != null) {
                    if (!AnswerMatch.occursIn(prompt, plant.value())) {
                        throw new IllegalArgumentException(where + ": plant '" + plant.key() + "' value \""
                                + plant.value() + "\" does not occur in its prompt");
                    }
                    planted.add(plant.key());
                }
            }
        }
    }
}

package dev.longhaul.script;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A script's JSON shape, read and written. A turn is a prompt string, or an object with {@code prompt} and any of
 * {@code plant} ({@code {"key", "value"}}), {@code probe} ({@code {"key", "expect"}}, {@code expect} a string or a
 * list, by default the value planted under that key) and {@code excluded_from_quality}.
 */
final class ScriptJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TURN_KEYS = Set.of("prompt", "plant", "probe", "excluded_from_quality");

    private ScriptJson() {
    }

    static Script read(JsonNode root, String fallbackName) {
        JsonNode phaseNodes = root.isArray() ? root : root.path("phases");
        if (!phaseNodes.isArray()) {
            throw new IllegalArgumentException("expected an object with a \"phases\" array, or an array of phases");
        }
        String name = root.path("name").isTextual() ? root.path("name").asText() : fallbackName;
        Map<String, String> plantedValues = new HashMap<>();
        List<Phase> phases = new ArrayList<>();
        int index = 0;
        for (JsonNode p : phaseNodes) {
            index++;
            JsonNode phaseName = p.has("phase") ? p.get("phase") : p.path("name");
            JsonNode turns = p.has("turns") ? p.get("turns") : p.path("prompts");
            if (!phaseName.isTextual()) {
                throw new IllegalArgumentException("phase " + index + " has no \"phase\" name");
            }
            String where = "phase '" + phaseName.asText() + "'";
            if (!turns.isArray()) {
                throw new IllegalArgumentException(where + " has no \"turns\" array");
            }
            List<String> prompts = new ArrayList<>();
            List<TurnMarks> marks = new ArrayList<>();
            for (JsonNode t : turns) {
                String turnWhere = where + " turn " + (prompts.size() + 1);
                if (t.isTextual()) {
                    prompts.add(t.asText());
                    marks.add(TurnMarks.NONE);
                } else if (t.isObject()) {
                    prompts.add(prompt(t, turnWhere));
                    TurnMarks m = marks(t, turnWhere, plantedValues);
                    marks.add(m);
                    if (m.plant() != null) {
                        plantedValues.put(m.plant().key(), m.plant().value());
                    }
                } else {
                    throw new IllegalArgumentException(where + " has a turn that is neither a prompt string nor an object");
                }
            }
            phases.add(new Phase(phaseName.asText(), prompts, marks));
        }
        return new Script(name, phases);
    }

    static String write(Script script) {
        ObjectNode root = JSON.createObjectNode().put("name", script.name());
        ArrayNode phases = root.putArray("phases");
        for (Phase p : script.phases()) {
            ObjectNode phase = phases.addObject().put("phase", p.name());
            ArrayNode turns = phase.putArray("turns");
            for (int i = 0; i < p.prompts().size(); i++) {
                TurnMarks m = p.marks().get(i);
                if (m.isNone()) {
                    turns.add(p.prompts().get(i));
                    continue;
                }
                ObjectNode turn = turns.addObject().put("prompt", p.prompts().get(i));
                if (m.plant() != null) {
                    turn.putObject("plant").put("key", m.plant().key()).put("value", m.plant().value());
                }
                if (m.probe() != null) {
                    ObjectNode probe = turn.putObject("probe").put("key", m.probe().key());
                    m.probe().expect().forEach(probe.putArray("expect")::add);
                }
                turn.put("excluded_from_quality", m.excludedFromQuality());
            }
        }
        return root.toString();
    }

    private static String prompt(JsonNode turn, String where) {
        turn.fieldNames().forEachRemaining(key -> {
            if (!TURN_KEYS.contains(key)) {
                throw new IllegalArgumentException(where + " has an unknown key \"" + key
                        + "\" (known: prompt, plant, probe, excluded_from_quality)");
            }
        });
        JsonNode prompt = turn.path("prompt");
        if (!prompt.isTextual()) {
            throw new IllegalArgumentException(where + " has no \"prompt\" string");
        }
        return prompt.asText();
    }

    private static TurnMarks marks(JsonNode turn, String where, Map<String, String> plantedValues) {
        Plant plant = turn.has("plant") ? plant(turn.get("plant"), where) : null;
        Probe probe = turn.has("probe") ? probe(turn.get("probe"), where, plantedValues) : null;
        JsonNode excluded = turn.get("excluded_from_quality");
        if (excluded != null && !excluded.isBoolean()) {
            throw new IllegalArgumentException(where + ": \"excluded_from_quality\" must be true or false");
        }
        boolean isExcluded = excluded != null ? excluded.booleanValue() : plant != null || probe != null;
        return new TurnMarks(plant, probe, isExcluded);
    }

    private static Plant plant(JsonNode node, String where) {
        String key = text(node, "key", where + " plant");
        String value = text(node, "value", where + " plant");
        try {
            return new Plant(key, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static Probe probe(JsonNode node, String where, Map<String, String> plantedValues) {
        String key = text(node, "key", where + " probe");
        JsonNode expect = node.get("expect");
        List<String> alternatives = new ArrayList<>();
        if (expect == null) {
            String planted = plantedValues.get(key);
            if (planted == null) {
                throw new IllegalArgumentException(where + ": probe '" + key + "' has no plant before it");
            }
            alternatives.add(planted);
        } else if (expect.isTextual()) {
            alternatives.add(expect.asText());
        } else if (expect.isArray() && expect.size() > 0) {
            for (JsonNode alternative : expect) {
                if (!alternative.isTextual()) {
                    throw new IllegalArgumentException(where + ": probe '" + key + "' expect holds a non-string");
                }
                alternatives.add(alternative.asText());
            }
        } else {
            throw new IllegalArgumentException(where + ": probe '" + key
                    + "' \"expect\" must be a string or a non-empty list of strings");
        }
        try {
            return new Probe(key, alternatives);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String key, String where) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + " must be an object");
        }
        JsonNode value = node.get(key);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(where + " has no \"" + key + "\" string");
        }
        return value.asText();
    }
}

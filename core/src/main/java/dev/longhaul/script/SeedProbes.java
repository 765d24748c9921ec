package dev.longhaul.script;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The default recall probes for the seed's conversation: six facts about the rate limiter it builds (a constant's
 * name, the metrics namespace, the config file's path, the maintainers' team, a production setting, an error
 * code), each planted by a turn of its own and asked for by another one 3 to 27 turns later. The twelve turns are
 * inserted between the seed's prompts, each right after a given seed prompt and in that prompt's phase, so that
 * the seed's 50 prompts are played unchanged and in order among 62 turns. All twelve are
 * excluded from the quality figures.
 */
final class SeedProbes {

    private static final String RESOURCE = "seed-probes.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SeedProbes() {
    }

    /**
     * @param seed the seed's script
     * @return the seed's script with the probe turns inserted, named {@code seed+probes}
     */
    static Script insertInto(Script seed) {
        JsonNode probes = resource();
        List<List<JsonNode>> after = insertionsAfterEachPrompt(probes.path("insertions"), seed.cycleLength());
        ObjectNode merged = JSON.createObjectNode().put("name", probes.path("name").asText());
        ArrayNode phases = merged.putArray("phases");
        int seedTurn = 0;
        for (Phase phase : seed.phases()) {
            ArrayNode turns = phases.addObject().put("phase", phase.name()).putArray("turns");
            for (String prompt : phase.prompts()) {
                seedTurn++;
                turns.add(prompt);
                after.get(seedTurn).forEach(turns::add);
            }
        }
        return ScriptJson.read(merged, "seed+probes");
    }

    private static List<List<JsonNode>> insertionsAfterEachPrompt(JsonNode insertions, int prompts) {
        List<List<JsonNode>> after = new ArrayList<>();
        for (int i = 0; i <= prompts; i++) {
            after.add(new ArrayList<>());
        }
        for (JsonNode insertion : insertions) {
            int seedTurn = insertion.path("after_seed_turn").asInt();
            if (seedTurn < 1 || seedTurn > prompts) {
                throw new IllegalStateException(RESOURCE + ": after_seed_turn " + seedTurn + " is not a seed prompt");
            }
            after.get(seedTurn).add(insertion.path("turn"));
        }
        return after;
    }

    private static JsonNode resource() {
        try (InputStream in = SeedProbes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the seed probes resource is missing from the class path");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("the seed probes resource could not be read", e);
        }
    }
}

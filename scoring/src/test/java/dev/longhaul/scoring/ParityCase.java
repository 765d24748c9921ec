package dev.longhaul.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of {@code parity/heuristic-parity.jsonl}: an input and what the seed's Python computes for it. See
 * {@code parity/README.md} for how the file is generated and what the recipes mean.
 */
record ParityCase(String id, int turn, String phase, String prompt, String response, JsonNode expected,
                  JsonNode expectedMarkdownLists) {

    static final String RESOURCE = "/parity/heuristic-parity.jsonl";

    static List<ParityCase> loadAll() {
        ObjectMapper mapper = new ObjectMapper();
        List<ParityCase> cases = new ArrayList<>();
        try (InputStream in = ParityCase.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the test classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                JsonNode node = mapper.readTree(line);
                cases.add(new ParityCase(node.get("id").asText(), node.get("turn").asInt(),
                        node.get("phase").asText(), expand(node.get("prompt")), expand(node.get("response")),
                        node.get("expected"), node.get("expected_markdown_lists")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    TurnInput input() {
        return new TurnInput(turn, phase, prompt, response);
    }

    /** A text, or a recipe that builds it exactly as the Python generator does. */
    static String expand(JsonNode text) {
        if (text.isTextual()) {
            return text.asText();
        }
        String kind = text.get("kind").asText();
        StringBuilder out = new StringBuilder();
        switch (kind) {
            case "template" -> {
                out.append(text.get("prefix").asText());
                String template = text.get("template").asText();
                for (int i = 0; i < text.get("count").asInt(); i++) {
                    out.append(template.replace("{i}", Integer.toString(i)));
                }
                out.append(text.get("suffix").asText());
            }
            case "codepoints" -> {
                String separator = text.get("separator").asText();
                int repeat = text.get("repeat").asInt();
                int modulus = text.get("modulus").asInt();
                int residue = text.get("residue").asInt();
                boolean first = true;
                for (int cp = text.get("from").asInt(); cp < text.get("to").asInt(); cp++) {
                    if ((cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) || cp % modulus != residue) {
                        continue;
                    }
                    if (!first) {
                        out.append(separator);
                    }
                    first = false;
                    for (int r = 0; r < repeat; r++) {
                        out.appendCodePoint(cp);
                    }
                }
            }
            default -> throw new IllegalArgumentException("unknown recipe kind '" + kind + "'");
        }
        return out.toString();
    }
}

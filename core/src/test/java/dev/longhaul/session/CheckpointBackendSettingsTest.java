package dev.longhaul.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.longhaul.backend.BackendConfig;
import dev.longhaul.report.RunConfig;
import dev.longhaul.script.Script;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The checkpoint keeps a backend config's shared settings by name and its options by one loop, knowing none. */
class CheckpointBackendSettingsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final LongSession.Settings SETTINGS =
            new LongSession.Settings(3, 2, 1, Duration.ZERO, false, 5, 0.15, 5, "heuristic");

    private static BackendConfig resumed(ObjectNode start) {
        SessionBuilder b = LongSession.builder();
        CheckpointStart.applySettings(start, b);
        return b.backendConfig.build();
    }

    @Test
    void everySettingAndEveryOptionComesBackAsWritten() {
        BackendConfig config = BackendConfig.builder("scripted").model("m").baseUrl("http://127.0.0.1:9")
                .kvType("q8_0").timeout(Duration.ofSeconds(7)).temperature(0.0).seed(43L).maxTokens(96)
                .contextSize(2048).option("drop_from", "3").option("some_option_of_a_plugin", "x=y").build();
        ObjectNode start = CheckpointStart.toJson(new RunConfig("scripted", "m", "q8_0", 3, 2, "t", Map.of()),
                SETTINGS, Script.seed(), config);

        assertEquals("{\"provider\":\"scripted\",\"model\":\"m\",\"url\":\"http://127.0.0.1:9\",\"kv_type\":\"q8_0\","
                + "\"timeout_ms\":7000,\"temperature\":0.0,\"seed\":43,\"max_tokens\":96,\"context_size\":2048,"
                + "\"options\":{\"drop_from\":\"3\",\"some_option_of_a_plugin\":\"x=y\"}}",
                start.get("backend").toString());
        BackendConfig back = resumed(start);
        assertEquals(config.toString(), back.toString());
        assertEquals(config.options(), back.options());
        assertEquals(Optional.of(43L), back.seed());
    }

    @Test
    void aJournalOfAnEarlierVersionKeepsTheLegacySettingsTheProviderHasAsOptions() throws Exception {
        // written before backends owned their options: transport and llamacpp settings beside the shared ones
        ObjectNode start = CheckpointStart.toJson(new RunConfig("scripted", "m", "f16", 3, 2, "t", Map.of()),
                SETTINGS, Script.seed(), BackendConfig.builder("scripted").build());
        start.set("backend", JSON.readTree("{\"provider\":\"scripted\",\"kv_type\":\"f16\",\"timeout_ms\":120000,"
                + "\"connect_timeout_ms\":10000,\"max_retries\":3,\"threads\":2,\"drop_from\":4,"
                + "\"options\":{\"vary_by_seed\":\"true\"}}"));

        BackendConfig back = resumed(start);

        assertEquals(Map.of("drop_from", "4", "vary_by_seed", "true"), back.options(),
                "the scripted provider has drop_from; it never read threads or the transport's settings");
    }
}

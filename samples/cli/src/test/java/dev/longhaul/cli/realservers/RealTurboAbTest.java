package dev.longhaul.cli.realservers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhaul.cli.CliTest;
import dev.longhaul.report.MetricKey;
import dev.longhaul.report.ReportCodec;
import dev.longhaul.report.SessionReport;
import dev.longhaul.report.TurnMetrics;
import dev.longhaul.testing.Checkout;
import dev.longhaul.testing.LlamaCppTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code longhaul ab --server-bin} with the TurboQuant fork's real llama-server, {@code f16,q8_0,turbo4,turbo3}, on
 * the bundled model: every arm starts its own server, the report's cache type comes from that server's log, the
 * cache shrinks in that order (or stays equal where the log says so), and the token fidelity against f16 orders
 * q8_0 &lt; turbo4 &lt; turbo3. Skipped, saying so, without the binary.
 */
class RealTurboAbTest {

    private static final List<String> ARMS = List.of("f16", "q8_0", "turbo4", "turbo3");
    private static final Pattern LOGGED_SIZE = Pattern.compile(
            "llama_kv_cache: size = +([0-9.]+) MiB \\( *4096 cells,.*K \\((\\w+)\\):.*V \\((\\w+)\\)");

    @TempDir
    Path dir;

    @Test
    void eachArmRunsOnItsOwnServerWithTheCacheTypeItsLogShowsAndFidelityFollowsTheCompression() throws Exception {
        Path fork = LlamaCppTool.TURBO_SERVER.require();
        CliTest.Result r = CliTest.longhaul("ab", "--server-bin", fork.toString(), "--model-file",
                Checkout.bundledModel().toString(), "--shared-history", "--temperature", "0", "--kv-types",
                String.join(",", ARMS), "--turns", "3", "--max-tokens", "32", "--threads", "1", "--quiet",
                "--output-dir", dir.toString());
        assertEquals(0, r.code(), r.out() + r.err());

        List<Double> sizes = new ArrayList<>();
        for (String kv : ARMS) {
            SessionReport report = ReportCodec.read(dir.resolve(kv + ".json"));
            assertEquals(3, report.turnMetrics().size(), kv + ": " + report.failedTurns());
            assertEquals(kv, report.config().kvType(), "the report's cache type is the one the server logged");
            Map<?, ?> facts = (Map<?, ?>) report.config().extra().get("backend_info");
            assertEquals(kv, facts.get("kv_cache_k_type"));
            assertEquals(kv, facts.get("kv_cache_v_type"));
            Matcher logged = LOGGED_SIZE.matcher(Files.readString(dir.resolve(kv + ".server.log")));
            assertTrue(logged.find(), kv + ".server.log has its llama_kv_cache size line");
            assertEquals(List.of(kv, kv), List.of(logged.group(2), logged.group(3)));
            double size = ((Number) facts.get("kv_cache_size_mib")).doubleValue();
            assertEquals(Double.parseDouble(logged.group(1)), size, 1e-9, kv + ": the report's size is the log's");
            sizes.add(size);
        }
        for (int i = 1; i < sizes.size(); i++) {
            assertTrue(sizes.get(i) <= sizes.get(i - 1), ARMS + " take " + sizes + " MiB: never more than the arm before");
        }
        assertTrue(sizes.get(0) > sizes.get(1) && sizes.get(2) > sizes.get(3), "q8_0 and turbo3 save memory: " + sizes);

        double q8 = pooledKld("q8_0");
        double turbo4 = pooledKld("turbo4");
        double turbo3 = pooledKld("turbo3");
        assertTrue(q8 < turbo4 && turbo4 < turbo3, "mean KLD q8_0 " + q8 + ", turbo4 " + turbo4 + ", turbo3 " + turbo3);
        assertTrue(q8 < 0.01, "q8_0 is close to f16: " + q8);

        // the summary fills its table from each server's own log and timings
        JsonNode arms = new ObjectMapper().readTree(dir.resolve("comparison.json").toFile()).get("summary").get("arms");
        for (int i = 0; i < ARMS.size(); i++) {
            JsonNode arm = arms.get(i);
            assertEquals(ARMS.get(i), arm.get("arm").asText());
            assertEquals("llama-server log", arm.get("kv_cache").get("source").asText(), arm.toString());
            assertEquals(sizes.get(i), arm.get("kv_cache").get("mib").asDouble(), 1e-9);
            assertEquals(4096, arm.get("kv_cache").get("cells").asInt());
            assertEquals("server timings", arm.get("decode_tokens_per_s").get("source").asText());
            assertEquals("server timings", arm.get("prefill_tokens_per_s").get("source").asText());
            assertTrue(arm.get("server_command").toString().contains("\"-ctk\",\"" + ARMS.get(i) + "\""), arm.toString());
        }
        assertTrue(r.out().contains("  q8_0: KV \u221247 % (24.0 \u2192 12.75 MiB), decode "), r.out());
        assertTrue(r.out().contains("  turbo4 server: " + fork), r.out());
    }

    /** The mean KLD over every forced position of the arm's run (each turn's {@code kld_values}, pooled). */
    private double pooledKld(String kv) {
        double sum = 0;
        int positions = 0;
        for (TurnMetrics t : ReportCodec.read(dir.resolve(kv + ".json")).turnMetrics()) {
            List<?> values = (List<?>) t.values().get(MetricKey.KLD_VALUES.name());
            assertTrue(values != null && !values.isEmpty(), kv + " turn " + t.turn() + " has token fidelity");
            for (Object v : values) {
                sum += ((Number) v).doubleValue();
                positions++;
            }
        }
        return sum / positions;
    }
}

package dev.longhaul.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Reports written by the seed's {@code json.dump} are read, and written back, byte for byte. */
class ReportCodecParityTest {

    static Stream<String> seedCases() {
        return ParityResources.names("seed_cases").stream();
    }

    static Stream<String> seedCasesWithOurs() {
        return ParityResources.names("seed_cases_with_ours").stream();
    }

    static Stream<String> oursCases() {
        return ParityResources.names("ours_cases").stream();
    }

    @ParameterizedTest
    @MethodSource("seedCases")
    void writesTheSeedsBytesFollowedOnlyByOurAdditions(String name) {
        String seedJson = ParityResources.text(name + ".seed.json");
        String ours = ReportCodec.toJson(ParityResources.report(name + ".seed.json"));

        String summaryEnd = "\n  },\n  \"responses\"";
        assertEquals(seedJson.indexOf(summaryEnd), seedJson.lastIndexOf(summaryEnd), "summary closes once");
        assertTrue(seedJson.endsWith("\n}"));
        String expected = seedJson.replace(summaryEnd, ",\n    \"failed_turns\": 0" + summaryEnd)
                .substring(0, seedJson.length() + ",\n    \"failed_turns\": 0".length() - 2)
                + ",\n  \"failed_turns\": [],\n  \"longhaul_report\": 1\n}";
        assertEquals(expected, ours);
    }

    @ParameterizedTest
    @MethodSource("seedCasesWithOurs")
    void writesWhatPythonsJsonDumpWritesForOurKeys(String name) {
        SessionReport report = ParityResources.report(name + ".seed.json");
        assertEquals(ParityResources.text(name + ".ours.json"), ReportCodec.toJson(report));
        assertEquals(report, ReportCodec.fromJson(ReportCodec.toJson(report)));
    }

    @ParameterizedTest
    @MethodSource("oursCases")
    void readsAndRewritesOurReportsByteForByte(String name) {
        String json = ParityResources.text(name + ".ours.json");
        SessionReport report = ReportCodec.fromJson(json);
        assertEquals(json, ReportCodec.toJson(report));
    }

    @ParameterizedTest
    @MethodSource("seedCases")
    void keepsIntegersAndFloatsApart(String name) {
        SessionReport report = ParityResources.report(name + ".seed.json");
        for (TurnMetrics turn : report.turnMetrics()) {
            assertInstanceOf(Integer.class, turn.values().get("response_length"));
            assertInstanceOf(Double.class, turn.values().get("quality_score"));
            assertInstanceOf(Boolean.class, turn.values().get("has_code_blocks"));
            assertInstanceOf(Number.class, turn.values().get("elapsed_s"));
        }
    }
}

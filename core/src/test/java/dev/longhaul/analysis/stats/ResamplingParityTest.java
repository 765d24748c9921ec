package dev.longhaul.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Bootstrap intervals, sign-flip p-values and spreads equal, to the last bit, what an independent Python
 * implementation of the documented procedure computed (resources/stats/resampling-cases.json).
 */
class ResamplingParityTest {

    private static final JsonNode CASES = load();

    private static JsonNode load() {
        try (InputStream in = ResamplingParityTest.class.getResourceAsStream("/stats/resampling-cases.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void splitMix64MatchesTheReferenceSequence() {
        for (String seed : List.of("0", "42")) {
            SplitMix64 random = new SplitMix64(Long.parseLong(seed));
            for (JsonNode expected : CASES.get("splitmix64").get(seed)) {
                assertEquals(expected.asText(), Long.toUnsignedString(random.next()), "seed " + seed);
            }
        }
    }

    @TestFactory
    List<DynamicTest> intervalAndPValueMatchPython() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : CASES.get("cases")) {
            tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> {
                double[] values = doubles(c.get("values"));
                Resampling resampling = new Resampling(c.get("resamples").asInt(), c.get("seed").asLong(),
                        c.get("level").asDouble());
                assertEquals(c.get("mean").asDouble(), Bootstrap.mean(values), "mean");
                Interval interval = Bootstrap.meanInterval(values, resampling);
                assertEquals(c.get("low").asDouble(), interval.low(), "low");
                assertEquals(c.get("high").asDouble(), interval.high(), "high");
                assertEquals(c.get("p").asDouble(), SignFlipTest.pValue(values, resampling), "p");
            }));
        }
        return tests;
    }

    @Test
    void spreadIsP90MinusP10() {
        for (JsonNode c : CASES.get("spreads")) {
            assertEquals(c.get("spread").asDouble(), Quantiles.spread(doubles(c.get("values"))), c.toString());
        }
    }

    private static double[] doubles(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).mapToDouble(JsonNode::asDouble).toArray();
    }
}

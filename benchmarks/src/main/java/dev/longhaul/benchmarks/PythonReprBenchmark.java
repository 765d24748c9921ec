package dev.longhaul.benchmarks;

import dev.longhaul.report.PythonFormat;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link PythonFormat#repr(double)} on one thread, in nanoseconds per double: every report, journal line, HTML
 * page and CSV table writes its floats through it. Each invocation formats a set of {@value #SET_SIZE} doubles:
 * <ul>
 *   <li>{@code scores}: uniform in [0, 1), as unrounded metrics are (mostly 16 or 17 digits);</li>
 *   <li>{@code rounded}: the same rounded to 3 decimals, as the seed rounds summaries ({@code 0.642});</li>
 *   <li>{@code bits}: uniform over the finite bit patterns (mostly exponent notation, 16 or 17 digits).</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class PythonReprBenchmark {

    private static final int SET_SIZE = 1024;

    /** Which doubles to format, see the class comment. */
    @Param({"scores", "rounded", "bits"})
    public String values;

    private final double[] set = new double[SET_SIZE];

    /** Draws the set once; it is the same on every run. */
    @Setup
    public void drawValues() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < SET_SIZE; i++) {
            set[i] = switch (values) {
                case "scores" -> random.nextDouble();
                case "rounded" -> PythonFormat.round(random.nextDouble(), 3);
                case "bits" -> finiteBits(random);
                default -> throw new IllegalArgumentException("values '" + values
                        + "' is not scores, rounded or bits");
            };
        }
    }

    private static double finiteBits(SplittableRandom random) {
        double x;
        do {
            x = Double.longBitsToDouble(random.nextLong());
        } while (!Double.isFinite(x));
        return x;
    }

    /**
     * Formats every double of the set.
     *
     * @param sink keeps the texts alive
     */
    @Benchmark
    @OperationsPerInvocation(SET_SIZE)
    public void reprSet(Blackhole sink) {
        for (double x : set) {
            sink.consume(PythonFormat.repr(x));
        }
    }
}

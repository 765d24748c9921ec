package dev.longhaul.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.backend.Backend;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.BackendInfo;
import dev.longhaul.backend.ChatRequest;
import dev.longhaul.backend.ChatResponse;
import dev.longhaul.report.SessionReport;
import dev.longhaul.report.TurnMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// Runs that wait for each other must never hang the build.
@Timeout(30)
class ParallelRunsTest {

    private static AbExperiment.Builder experiment(int turns) {
        return AbExperiment.builder().session(b -> b.turns(turns).historyWindow(4).delay(Duration.ZERO));
    }

    /** Answers like {@link NoisyBackend}, but its first answer waits until every other such backend has been asked. */
    private static final class Rendezvous implements Backend {
        private final NoisyBackend answers;
        private final CountDownLatch everyoneAsked;
        private final Set<String> threads;
        private boolean waited;

        Rendezvous(long seed, CountDownLatch everyoneAsked, Set<String> threads) {
            this.answers = new NoisyBackend(seed);
            this.everyoneAsked = everyoneAsked;
            this.threads = threads;
        }

        @Override
        public ChatResponse chat(ChatRequest request) throws BackendException {
            threads.add(Thread.currentThread().getName());
            if (!waited) {
                waited = true;
                everyoneAsked.countDown();
                try {
                    if (!everyoneAsked.await(10, TimeUnit.SECONDS)) {
                        throw new BackendException(BackendException.Kind.TIMEOUT, "the other runs never started");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new BackendException(BackendException.Kind.INTERRUPTED, "interrupted");
                }
            }
            return answers.chat(request);
        }

        @Override
        public BackendInfo info() {
            return answers.info();
        }
    }

    /** Never answers: waits until interrupted. */
    private static final class Silent implements Backend {
        private final CountDownLatch asked;

        Silent(CountDownLatch asked) {
            this.asked = asked;
        }

        @Override
        public ChatResponse chat(ChatRequest request) throws BackendException {
            asked.countDown();
            try {
                Thread.sleep(Long.MAX_VALUE);
                throw new AssertionError("unreachable");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BackendException(BackendException.Kind.INTERRUPTED, "interrupted while waiting");
            }
        }

        @Override
        public BackendInfo info() {
            return BackendInfo.basic("silent", "silent");
        }
    }

    @Test
    void theRunsOfARepeatPlayAtTheSameTimeAndReportAsIfOneAfterAnother() throws Exception {
        CountDownLatch threeAsked = new CountDownLatch(3);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        ExperimentResult parallel = experiment(6)
                .arm("f16", seed -> new Rendezvous(seed * 31 + 1, threeAsked, threads))
                .arm("q8_0", seed -> new Rendezvous(seed * 31 + 2, threeAsked, threads))
                .noiseFloor(true).parallel(3).run();
        ExperimentResult sequential = experiment(6)
                .arm("f16", seed -> new NoisyBackend(seed * 31 + 1))
                .arm("q8_0", seed -> new NoisyBackend(seed * 31 + 2))
                .noiseFloor(true).run();

        assertEquals(3, threads.size(), "each run on a thread of its own: " + threads);
        assertTrue(threads.stream().noneMatch(t -> t.equals(Thread.currentThread().getName())));
        for (String arm : List.of("f16", "q8_0")) {
            assertEquals(turns(sequential.reports(arm).get(0)), turns(parallel.reports(arm).get(0)), arm);
        }
        assertEquals(turns(sequential.noiseFloorReports().get(0)), turns(parallel.noiseFloorReports().get(0)));
        assertEquals(6, parallel.reports("q8_0").get(0).turnMetrics().size());
        assertEquals(sequential.comparisons().get(0).quality().delta(), parallel.comparisons().get(0).quality().delta());
    }

    @Test
    void anInterruptStopsEveryRunInFlightKeepsWhatTheyMeasuredAndStartsNoOther() throws Exception {
        CountDownLatch bothAsked = new CountDownLatch(2);
        List<String> started = Collections.synchronizedList(new ArrayList<>());
        List<SessionReport> finished = Collections.synchronizedList(new ArrayList<>());
        AbExperiment ab = experiment(5)
                .arm("f16", seed -> new Silent(bothAsked)).arm("q8_0", seed -> new Silent(bothAsked))
                .arm("q4_0", seed -> new Silent(bothAsked))
                .listener(new ExperimentListener() {
                    @Override
                    public void onRunStart(ArmRun run) {
                        started.add(run.tag());
                    }

                    @Override
                    public void onRunFinish(ArmRun run, SessionReport report) {
                        finished.add(report);
                    }
                })
                .parallel(2).build();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread runner = new Thread(() -> {
            try {
                ab.run();
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        runner.start();
        assertTrue(bothAsked.await(10, TimeUnit.SECONDS), "two runs in flight");
        runner.interrupt();
        runner.join(10_000);

        assertInstanceOf(InterruptedException.class, thrown.get());
        assertEquals(Set.of("f16", "q8_0"), Set.copyOf(started), "the third run never started");
        assertEquals(2, finished.size());
        for (SessionReport report : finished) {
            assertEquals("interrupted during turn 1", report.config().extra().get("stopped_early"));
        }
    }

    @Test
    void aRunThatCannotLaunchStopsTheOthersAndItsErrorIsThrown() {
        CountDownLatch asked = new CountDownLatch(1);
        List<String> closed = Collections.synchronizedList(new ArrayList<>());
        Arm silent = new Arm("f16", run -> {
            Backend backend = new Silent(asked);
            return LaunchedArm.of(backend).closing(() -> closed.add(run.tag()));
        });
        Arm broken = new Arm("q8_0", run -> {
            assertTrue(asked.await(10, TimeUnit.SECONDS));
            throw new IllegalStateException("llama-server for q8_0 exited with code 1");
        });

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> experiment(3).arm(silent).arm(broken).parallel(2).run());

        assertEquals("llama-server for q8_0 exited with code 1", e.getMessage());
        assertEquals(List.of("f16"), closed, "the run in flight was stopped and its resources closed");
    }

    @Test
    void parallelRunsNeedIndependentRunsAndASensibleCount() {
        AbExperiment.Builder shared = experiment(3).arm("f16", seed -> new NoisyBackend(seed))
                .arm("q8_0", seed -> new NoisyBackend(seed)).sharedHistory(true).parallel(2);
        assertEquals("parallel runs need independent runs; shared-history runs play in lockstep",
                assertThrows(IllegalStateException.class, shared::build).getMessage());
        assertEquals("parallel 0 is out of range [1, 64]",
                assertThrows(IllegalArgumentException.class, () -> shared.parallel(0)).getMessage());
        assertNotEquals(null, shared.parallel(1).build());
    }

    private static List<java.util.Map<String, Object>> turns(SessionReport report) {
        return report.turnMetrics().stream().map(TurnMetrics::values).toList();
    }
}

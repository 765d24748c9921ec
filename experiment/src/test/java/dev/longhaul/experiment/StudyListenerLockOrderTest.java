package dev.longhaul.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.longhaul.analysis.Design;
import dev.longhaul.backend.BackendConfig;
import dev.longhaul.session.TurnEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study's listener may serialise its calls with its own monitor (as the CLI's progress printer does, so that lines
 * never interleave) and read the study's clock in any call. The study must never hold a lock of its own while it
 * calls the listener that the listener's clock reads could need, or two parallel runs take the two in opposite order
 * and deadlock: one counting its turn and waiting for the listener, the other in the listener waiting for the clock.
 */
class StudyListenerLockOrderTest {

    @TempDir
    Path dir;

    @Test
    void aSynchronizedListenerThatReadsTheClockOutsideOnTurnDoesNotDeadlockParallelRuns() {
        assertEquals(StudyOutcome.Kind.FINISHED, play(true).kind());
    }

    /** The control: the same listener, reading the clock only in onTurn (as the CLI's Progress does), finishes. */
    @Test
    void theSameListenerReadingTheClockOnlyInOnTurnFinishes() {
        assertEquals(StudyOutcome.Kind.FINISHED, play(false).kind());
    }

    private StudyOutcome play(boolean readClockOnStart) {
        StudyPlan plan = StudyPlan.builder(StudyDirectory.create(dir))
                .arm(Arm.of("f16", BackendConfig.builder("scripted").kvType("f16").build()))
                .arm(Arm.of("q8_0", BackendConfig.builder("scripted").kvType("q8_0").build()))
                .design(Design.FREE_RUNNING).parallel(2).turns(3)
                .session(b -> b.delay(Duration.ZERO))
                .build();
        Study study = new Study(plan);
        AtomicInteger starts = new AtomicInteger();
        return assertTimeoutPreemptively(Duration.ofSeconds(20), () -> study.run(new StudyListener() {
            @Override
            public synchronized void onRunStart(ArmRun run) {
                if (starts.incrementAndGet() == 2) {
                    try {
                        Thread.sleep(1000); // the other run plays its first turn meanwhile
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                if (readClockOnStart) {
                    study.clock().turnsToPlay();
                }
            }

            @Override
            public synchronized void onTurn(ArmRun run, TurnEvent event) {
                study.clock().estimate();
            }
        }));
    }
}

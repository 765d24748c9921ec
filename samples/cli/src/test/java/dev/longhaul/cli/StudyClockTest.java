package dev.longhaul.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.experiment.StudyClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StudyClockTest {

    private final AtomicLong now = new AtomicLong(1_000);

    @Test
    void theBudgetCountsEveryRunOfEveryRepeatAndTheForcedAnswers() {
        assertEquals("Study: 2 arms × 1 repeat × 50 turns = 100 turns to play; token fidelity forces 100 answers "
                + "(at most 9,600 tokens)", StudyBudget.line(2, 1, false, 50, true, 96));
        assertEquals("Study: 3 arms + noise floor × 5 repeats × 50 turns = 1,000 turns to play",
                StudyBudget.line(3, 5, true, 50, false, null));
    }

    @Test
    void theEstimateIsTheWholeStudysOnTheWallClockIncludingTimeBetweenTurns() {
        StudyClock clock = new StudyClock(4, 50, now::get); // 200 turns
        clock.played();
        clock.played();
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertTrue(clock.estimate().isEmpty(), "no estimate from the first turns");
        clock.played();
        clock.played();
        // 4 turns in 2 s (forcing between turns included, since it is wall time): 196 left at 0.5 s each
        assertEquals(Duration.ofSeconds(98), clock.remaining());
        assertEquals("study 4/200 turns, ~1:38 left", ProgressPrinter.progress(clock.estimate().orElseThrow()));
    }

    @Test
    void onceTenTurnsWerePlayedTheEstimateFollowsTheirPaceNotTheWholeStudys() {
        StudyClock clock = new StudyClock(2, 50, now::get); // 100 turns
        for (int i = 0; i < 20; i++) { // short prompts: 1 s a turn
            now.addAndGet(Duration.ofSeconds(1).toNanos());
            clock.played();
        }
        for (int i = 0; i < 10; i++) { // the window slid: 5 s a turn
            now.addAndGet(Duration.ofSeconds(5).toNanos());
            clock.played();
        }
        // all 30 turns' mean (70 s / 30) would say 70 × 2.33 s = 2:43; the last ten's pace says 70 × 5 s
        assertEquals(Duration.ofSeconds(350), clock.remaining());
        assertEquals("study 30/100 turns, ~5:50 left", ProgressPrinter.progress(clock.estimate().orElseThrow()));
    }

    @Test
    void aRunRestoredFromAnEarlierSessionIsNotLeftToPlay() {
        StudyClock clock = new StudyClock(2, 10, now::get);
        clock.restoredRun();
        assertEquals(10, clock.turnsToPlay());
        for (int i = 0; i < 4; i++) {
            clock.played();
        }
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        assertEquals(Duration.ofSeconds(6), clock.remaining());
    }

    @Test
    void theTurnsAResumedRunsJournalRestoresAreNotLeftToPlay() {
        StudyClock clock = new StudyClock(2, 10, now::get); // 20 turns
        clock.resumedRun(7); // the run in flight journalled 7 of its 10 turns: 3 are left of it, 13 of the study
        assertEquals(13, clock.turnsToPlay());
        for (int i = 0; i < 4; i++) {
            clock.played();
        }
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        assertEquals(Duration.ofSeconds(9), clock.remaining());
        assertEquals("study 4/13 turns, ~0:09 left", ProgressPrinter.progress(clock.estimate().orElseThrow()));
    }
}

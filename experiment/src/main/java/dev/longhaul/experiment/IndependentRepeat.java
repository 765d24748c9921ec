package dev.longhaul.experiment;

import dev.longhaul.report.SessionReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One repeat of independent runs: each run a whole session on its own history, one after the other, or up to
 * {@code parallel} at once on a thread each.
 */
final class IndependentRepeat {

    private static final Logger log = LoggerFactory.getLogger(IndependentRepeat.class);

    private final AbExperiment experiment;
    private final List<ArmRun> runs;

    IndependentRepeat(AbExperiment experiment, List<ArmRun> runs) {
        this.experiment = experiment;
        this.runs = runs;
    }

    /** @return the runs' reports, in the order of the runs */
    List<SessionReport> play() throws Exception {
        int threads = Math.min(experiment.parallel, runs.size());
        if (threads <= 1) {
            List<SessionReport> reports = new ArrayList<>();
            for (ArmRun run : runs) {
                reports.add(play(run));
            }
            return reports;
        }
        return playAtOnce(threads);
    }

    private SessionReport play(ArmRun run) throws Exception {
        if (experiment.finishedEarlier(run)) {
            return experiment.restored(run);
        }
        experiment.starting(run);
        try (LaunchedArm launched = experiment.arms.get(run.arm()).launcher().launch(run)) {
            SessionReport report = experiment.sessionFor(run, launched).run();
            return experiment.finished(run, launched, report);
        }
    }

    private List<SessionReport> playAtOnce(int threads) throws Exception {
        AtomicInteger named = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            Thread t = new Thread(task, "longhaul-run-" + named.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            // Results are taken as runs end, not in order, so that a run that fails stops the others at once.
            CompletionService<SessionReport> done = new ExecutorCompletionService<>(pool);
            Map<Future<SessionReport>, Integer> positions = new HashMap<>();
            for (int i = 0; i < runs.size(); i++) {
                ArmRun run = runs.get(i);
                positions.put(done.submit(() -> play(run)), i);
            }
            SessionReport[] reports = new SessionReport[runs.size()];
            for (int n = 0; n < runs.size(); n++) {
                Future<SessionReport> next = takeNext(done, pool);
                reports[positions.get(next)] = result(next, pool);
            }
            return List.of(reports);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Future<SessionReport> takeNext(CompletionService<SessionReport> done, ExecutorService pool)
            throws InterruptedException {
        try {
            return done.take();
        } catch (InterruptedException e) {
            stopAll(pool);
            throw e;
        }
    }

    /** The run's report; when it failed, stops the others, waits until they have ended and throws its error. */
    private static SessionReport result(Future<SessionReport> future, ExecutorService pool) throws Exception {
        try {
            return future.get();
        } catch (ExecutionException e) {
            stopAll(pool);
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            throw (Error) cause;
        }
    }

    /** Interrupts the runs in flight (each stops early with what it measured), drops the queued ones, waits. */
    private static void stopAll(ExecutorService pool) {
        pool.shutdownNow();
        try {
            while (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                log.info("waiting for the runs in flight to stop");
            }
        } catch (InterruptedException again) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.longhaul.session;

import dev.longhaul.report.RunConfig;
import dev.longhaul.report.SessionReport;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's listeners, each call isolated from the run: a listener that throws is logged and the run goes on, and
 * the listeners after it still hear the call.
 */
final class IsolatedListeners {

    /** The session's logger: a failing listener is reported as the session's, as it always was. */
    private static final Logger log = LoggerFactory.getLogger(LongSession.class);

    private final List<TurnListener> listeners;

    IsolatedListeners(List<TurnListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    void start(RunConfig config) {
        listeners.forEach(l -> isolated(() -> l.onStart(config)));
    }

    void turn(TurnEvent event) {
        listeners.forEach(l -> isolated(() -> l.onTurn(event)));
    }

    void finish(SessionReport report) {
        listeners.forEach(l -> isolated(() -> l.onFinish(report)));
    }

    private static void isolated(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("a turn listener failed; the run goes on", e);
        }
    }
}

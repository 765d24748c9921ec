package dev.longhaul.cli.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.longhaul.backend.BackendConfig;
import dev.longhaul.http.replay.ReplayServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the fault tests on a {@link ReplayServer} share: a fresh server per test that already answers the backend's
 * two info requests (404), three distinct answers, and a run that checks the server was asked for exactly the
 * replies the test queued.
 */
abstract class ReplayServerFaultTest {

    static final ChatAnswer FIRST = ChatAnswer.to(List.of(new ChatAnswer.Message("user", "Write a rate limiter")));
    static final ChatAnswer SECOND = ChatAnswer.to(List.of(new ChatAnswer.Message("user", "Add a unit test")));
    static final ChatAnswer THIRD = ChatAnswer.to(List.of(new ChatAnswer.Message("user", "Refactor it now")));

    @TempDir
    Path dir;

    ReplayServer server;

    @BeforeEach
    void startServer() {
        server = ReplayServer.builder().hangLimit(Duration.ofSeconds(5)).idleTimeout(Duration.ofSeconds(5)).start();
        server.enqueue(Replies.serverInfoAbsent());
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** @return the backend under test, with the fault tests' short timeouts and one retry */
    abstract BackendConfig.Builder backend(URI url, boolean stream);

    /** Plays the turns; fails if a queued reply was not asked for or a request found none. */
    FaultRun play(boolean stream, int turns) throws Exception {
        FaultRun run = FaultRun.play(dir, backend(server.baseUrl(), stream).build(), turns);
        assertEquals(0, server.pendingReplies(), "replies left unasked");
        assertEquals(0, server.unscriptedRequests(), "requests without a reply");
        return run;
    }
}

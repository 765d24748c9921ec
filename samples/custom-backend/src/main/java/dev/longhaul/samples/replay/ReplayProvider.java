package dev.longhaul.samples.replay;

import dev.longhaul.backend.Backend;
import dev.longhaul.backend.BackendConfig;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.BackendOption;
import dev.longhaul.backend.BackendProvider;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code replay} backend: answers every turn from a recorded conversation instead of a model, so that saved
 * answers can be scored again (another scorer, another degradation threshold) and compared again without running a
 * model. Select it with {@code --backend replay --backend-option file=RECORDING}; see {@link Recording} for the
 * shapes it reads.
 *
 * <p>Listed in {@code META-INF/services/dev.longhaul.backend.BackendProvider}, so putting this jar on the class path
 * is all it takes for the command line and {@code LongSession} to find it by name.
 */
// tag::provider[]
public final class ReplayProvider implements BackendProvider {

    /** The option naming the recording. */
    public static final BackendOption<Path> FILE = BackendOption.path("file",
            "the recording to answer from: JSON Lines of turns, a checkpoint journal or a report");

    /** Instantiated by {@link java.util.ServiceLoader}. */
    public ReplayProvider() {
    }

    @Override
    public String name() {
        return "replay";
    }

    @Override
    public String description() {
        return "answers from a recorded conversation (JSON Lines, checkpoint journal or report)";
    }

    @Override
    public List<BackendOption<?>> options() {
        return List.of(FILE);
    }

    @Override
    public Backend create(BackendConfig config) throws BackendException {
        Path file = config.option(FILE).orElseThrow(() -> new BackendException(
                BackendException.Kind.CONFIGURATION, "the replay backend needs --backend-option file=RECORDING"));
        return new ReplayBackend(Recording.load(file), config.model().orElse(null));
    }
}
// end::provider[]

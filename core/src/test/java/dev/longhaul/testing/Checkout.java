package dev.longhaul.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository checkout the tests run in, found from the working directory (Surefire runs each module's tests in
 * the module's directory): the nearest directory upwards that holds {@code .ci/run}.
 */
public final class Checkout {

    private static final Path BUNDLED_MODEL =
            Path.of("backends/llamacpp/src/main/resources/dev/longhaul/backend/llamacpp/models/tiny-code-chat.gguf");

    private Checkout() {
    }

    /**
     * @return the checkout's root directory, absolute
     * @throws IllegalStateException when no directory above the working directory holds {@code .ci/run}
     */
    public static Path root() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(".ci/run"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no longhaul checkout (a directory with .ci/run) at or above " + start);
    }

    /** @return the bundled model {@code tiny-code-chat.gguf} in the source tree */
    public static Path bundledModel() {
        return root().resolve(BUNDLED_MODEL);
    }
}

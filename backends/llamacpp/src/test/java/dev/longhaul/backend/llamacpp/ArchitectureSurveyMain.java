package dev.longhaul.backend.llamacpp;

import de.kherud.llama.LlamaModel;
import java.nio.file.Path;

/**
 * Child process of {@link BundledArchitecturesTest}: asks the bundled llama.cpp to load each GGUF file given, with
 * llama.cpp's own log on standard error, each load preceded by a line {@value #LOADING}{@code <file>}. The parent
 * reads which files llama.cpp refused for an unknown architecture.
 */
public final class ArchitectureSurveyMain {

    /** Written before each load. */
    static final String LOADING = "longhaul-architecture-survey: loading ";

    private ArchitectureSurveyMain() {
    }

    /** @param args the GGUF files */
    public static void main(String[] args) throws Exception {
        NativeBinding.load();
        for (String file : args) {
            System.err.println(LOADING + file);
            ModelLoadSpec spec = new ModelLoadSpec(Path.of(file), 64, 1, KvCacheType.F16, KvCacheType.F16, false);
            try (LlamaModel model = new LlamaModel(spec.toModelParameters(true))) {
                System.err.println("longhaul-architecture-survey: loaded");
            } catch (RuntimeException refused) {
                System.err.println("longhaul-architecture-survey: refused: " + refused.getMessage());
            }
        }
        System.err.flush();
        System.exit(0); // the binding's worker thread would keep the JVM alive
    }
}

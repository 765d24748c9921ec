package dev.longhaul.backend.llamacpp;

import de.kherud.llama.LlamaModel;

/**
 * Entry point of the {@link KvCacheProbe}'s child process; not for direct use. It loads the model described by a
 * {@link ModelLoadSpec} with llama.cpp's own log on standard error, closes it and exits: 0 when the model loaded,
 * {@value #LOAD_FAILED} when llama.cpp refused it. The parent reads the child's standard error.
 */
public final class KvCacheProbeMain {

    /** Written before loading, so the parent can tell a failed load from a child that never started. */
    static final String STARTED = "longhaul-kv-probe: loading";
    /** Written after the model loaded. */
    static final String LOADED = "longhaul-kv-probe: loaded";
    /** Prefix of the line carrying the binding's error message. */
    static final String FAILED = "longhaul-kv-probe: failed: ";
    /** Exit status when llama.cpp could not load the model. */
    static final int LOAD_FAILED = 3;

    private KvCacheProbeMain() {
    }

    /**
     * Loads and closes the model.
     *
     * @param args a {@link ModelLoadSpec} as {@link ModelLoadSpec#toArgs()} writes it
     */
    public static void main(String[] args) {
        ModelLoadSpec spec = ModelLoadSpec.fromArgs(args);
        // Standard error is this process's channel to the parent, which reads it along with llama.cpp's log.
        System.err.println(STARTED);
        int status = 0;
        try (LlamaModel model = new LlamaModel(spec.toModelParameters(true))) {
            System.err.println(LOADED);
        } catch (RuntimeException e) {
            System.err.println(FAILED + e.getMessage());
            status = LOAD_FAILED;
        }
        System.err.flush();
        // The binding's worker thread would keep the JVM alive.
        System.exit(status);
    }
}

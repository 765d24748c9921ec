package dev.longhaul.backend.llamacpp;

import de.kherud.llama.ModelParameters;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything llama.cpp is given when it loads the model: the same spec loads the model in this process and in the
 * {@link KvCacheProbe}'s child process, so that the probe sees what this process gets.
 *
 * @param modelFile      the GGUF file
 * @param contextSize    {@code n_ctx} in tokens
 * @param threads        CPU threads for generation and prompt processing
 * @param typeK          the K cache type
 * @param typeV          the V cache type
 * @param flashAttention whether flash attention is on
 */
record ModelLoadSpec(Path modelFile, int contextSize, int threads, KvCacheType typeK, KvCacheType typeV,
                     boolean flashAttention) {

    /**
     * The binding's parameters for this spec. Context shift is always off: llama.cpp would otherwise drop the
     * middle of a conversation that outgrows the window without saying so, and the session must see that instead.
     *
     * @param nativeLogToStderr let llama.cpp print its own log to standard error (otherwise it is silenced and only
     *                          what llama.cpp logs after loading reaches slf4j)
     * @return the parameters
     */
    ModelParameters toModelParameters(boolean nativeLogToStderr) {
        ModelParameters p = new ModelParameters()
                .setModel(modelFile.toString())
                .setCtxSize(contextSize)
                .setThreads(threads)
                .setThreadsBatch(threads)
                .setParallel(1)
                .setCacheTypeK(typeK.binding())
                .setCacheTypeV(typeV.binding())
                .disableContextShift();
        if (flashAttention) {
            p.enableFlashAttn();
        }
        if (!nativeLogToStderr) {
            p.disableLog();
        }
        return p;
    }

    /** @return this spec as command-line arguments for {@link #fromArgs(String[])} */
    List<String> toArgs() {
        return List.of(modelFile.toString(), Integer.toString(contextSize), Integer.toString(threads),
                typeK.name(), typeV.name(), Boolean.toString(flashAttention));
    }

    /**
     * Reads a spec written by {@link #toArgs()}.
     *
     * @param args the arguments
     * @return the spec
     * @throws IllegalArgumentException when they are not six arguments as {@link #toArgs()} writes them
     */
    static ModelLoadSpec fromArgs(String[] args) {
        if (args.length != 6) {
            throw new IllegalArgumentException("expected 6 arguments (model, n_ctx, threads, type_k, type_v, fa), got "
                    + args.length);
        }
        return new ModelLoadSpec(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                KvCacheType.valueOf(args[3]), KvCacheType.valueOf(args[4]), Boolean.parseBoolean(args[5]));
    }
}

package dev.longhaul.backend.llamacpp;

import dev.longhaul.backend.BackendException;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The model architectures ({@code general.architecture} of a GGUF file) that the bundled llama.cpp — build 4916 inside
 * {@code de.kherud:llama} 4.2.0, the newest binding on Maven Central — knows. Newer ones ({@code qwen3},
 * {@code qwen3moe}, {@code llama4}, {@code gemma3n}, {@code gpt-oss}, {@code glm4}, Qwen3.5's {@code qwen35}, …) make
 * llama.cpp fail with a bare "unknown model architecture", so the backend checks the header first and says what to
 * do instead.
 *
 * <p>The list is the bundled native library's own answer, not a recollection of llama.cpp's history:
 * {@code BundledArchitecturesTest} asks that library to load a constructed GGUF header for every architecture name of
 * current upstream llama.cpp and of the library's own name table, and checks that exactly these are not refused as
 * unknown.
 */
final class BundledArchitectures {

    /** The bundled llama.cpp, as the error message names it. */
    static final String BUILD = "build 4916 in de.kherud:llama 4.2.0";

    private static final Set<String> KNOWN = Set.of(
            "arctic", "arwkv7", "baichuan", "bert", "bitnet", "bloom", "chameleon", "chatglm", "codeshell", "cohere2",
            "command-r", "dbrx", "deci", "deepseek", "deepseek2", "exaone", "falcon", "gemma", "gemma2", "gemma3",
            "gpt2", "gptj", "gptneox", "granite", "granitemoe", "grok", "internlm2", "jais", "jina-bert-v2", "llama",
            "mamba", "minicpm", "minicpm3", "mpt", "nemotron", "nomic-bert", "olmo", "olmo2", "olmoe", "openelm",
            "orion", "phi2", "phi3", "phimoe", "plamo", "qwen", "qwen2", "qwen2moe", "qwen2vl", "refact", "rwkv6",
            "rwkv6qwen2", "rwkv7", "stablelm", "starcoder", "starcoder2", "t5", "t5encoder", "wavtokenizer-dec",
            "xverse");

    private BundledArchitectures() {
    }

    /** @return the architectures the bundled llama.cpp knows, sorted */
    static SortedSet<String> all() {
        return new TreeSet<>(KNOWN);
    }

    /**
     * Refuses a model whose architecture the bundled llama.cpp does not know, before llama.cpp sees it.
     *
     * @param model the checked model file
     * @throws BackendException (configuration) naming the architecture, the bundled build and the way out
     */
    static void check(ModelFile model) throws BackendException {
        String architecture = model.header().architecture();
        if (KNOWN.contains(architecture)) {
            return;
        }
        throw new BackendException(BackendException.Kind.CONFIGURATION, "llamacpp: model file " + model.path()
                + " has architecture '" + architecture + "', which the bundled llama.cpp (" + BUILD + ") cannot load; "
                + "run it on a current llama-server instead: ab --server-bin PATH/llama-server --model-file "
                + model.path() + ", or point --urls (ab) or --backend llama-server --url (run) at servers you started",
                1, null);
    }
}

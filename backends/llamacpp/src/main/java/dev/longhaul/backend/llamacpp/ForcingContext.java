package dev.longhaul.backend.llamacpp;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.ForcedAnswer;
import dev.longhaul.backend.TokenDistribution;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A second llama.cpp context on the same model file and with the same KV cache types, flash attention, context size
 * and threads as the backend's, used only to evaluate given answers (teacher forcing) through llama.cpp's C API.
 *
 * <p>Each {@link #force} evaluates the templated prompt followed by the answer in chunks, asking for logits only at
 * the answer's positions. The KV cache keeps what the previous call evaluated, and a call evaluates only what
 * follows the longest common prefix of its tokens and the cached ones (never less than the answer's positions): in a
 * conversation whose history only grows, a turn's forcing costs its new tokens, not the whole prompt again. Two
 * contexts with the same settings given the same calls give bit-identical distributions; against a fresh context
 * the reused prefix's chunks fall differently, which moves a distribution by float rounding only (see
 * ForcingReuseTest). The model's weights are memory-mapped, so the second load shares the first one's pages; what it
 * adds is its own KV cache and compute buffers.
 */
final class ForcingContext implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ForcingContext.class);

    /** Tokens per decode call while no logits are needed (the prompt). */
    private static final int PROMPT_CHUNK = 512;
    /** Tokens per decode call at the answer's positions: bounds the logits buffer to this many vocabulary rows. */
    private static final int ANSWER_CHUNK = 64;

    private final LlamaCApi api;
    private final Pointer model;
    private final Pointer context;
    private final Pointer vocab;
    private final int vocabSize;
    private final int contextSize;
    private final String[] pieces;
    private final TopCandidates candidates;
    /** The tokens whose keys and values the cache holds, at positions 0, 1, …; empty after a failed call. */
    private int[] cached = new int[0];
    private int lastReused;
    private boolean closed;

    private ForcingContext(LlamaCApi api, Pointer model, Pointer context) {
        this.api = api;
        this.model = model;
        this.context = context;
        this.vocab = api.llama_model_get_vocab(model);
        this.vocabSize = api.llama_vocab_n_tokens(vocab);
        this.contextSize = api.llama_n_ctx(context);
        this.pieces = new String[vocabSize];
        this.candidates = new TopCandidates(this::piece);
    }

    /**
     * Loads the model a second time through the C API, with the spec's settings.
     *
     * @param spec the backend's load spec
     * @return the context
     * @throws BackendException (configuration) when the native library cannot be found, is not build 4916's, or
     *                          refuses the model or the settings
     */
    static ForcingContext open(ModelLoadSpec spec) throws BackendException {
        NativeBinding.load();
        LlamaCApi api = Native.load(libraryPath().toString(), LlamaCApi.class);
        api.llama_backend_init();
        LlamaCApi.ModelParams modelParams = api.llama_model_default_params();
        LlamaCApi.ContextParams contextParams = api.llama_context_default_params();
        checkBuild4916Layout(modelParams, contextParams);

        Pointer model = api.llama_model_load_from_file(spec.modelFile().toString(), modelParams);
        if (model == null) {
            throw new BackendException(BackendException.Kind.CONFIGURATION,
                    "llamacpp: teacher forcing: llama.cpp could not load " + spec.modelFile(), 1, null);
        }
        contextParams.n_ctx = spec.contextSize();
        contextParams.n_batch = PROMPT_CHUNK;
        contextParams.n_ubatch = PROMPT_CHUNK;
        contextParams.n_seq_max = 1;
        contextParams.n_threads = spec.threads();
        contextParams.n_threads_batch = spec.threads();
        contextParams.type_k = LlamaCApi.ggmlType(spec.typeK());
        contextParams.type_v = LlamaCApi.ggmlType(spec.typeV());
        contextParams.flash_attn = (byte) (spec.flashAttention() ? 1 : 0);
        Pointer context = api.llama_init_from_model(model, contextParams);
        if (context == null) {
            api.llama_model_free(model);
            throw new BackendException(BackendException.Kind.CONFIGURATION, "llamacpp: teacher forcing: llama.cpp "
                    + "refused a context with " + KvCacheProbe.describe(spec), 1, null);
        }
        return new ForcingContext(api, model, context);
    }

    /**
     * Evaluates {@code answer} after {@code prompt}.
     *
     * @param prompt the templated conversation, ending with the assistant's turn opener
     * @param answer the answer text
     * @param topK   candidates per position, at least 1
     * @return one distribution per answer token
     * @throws BackendException (context exceeded) when prompt and answer do not fit the context; (interrupted) when
     *                          the thread is interrupted; (bad response) when llama.cpp fails to evaluate
     */
    ForcedAnswer force(String prompt, String answer, int topK) throws BackendException {
        if (closed) {
            throw new IllegalStateException("the teacher-forcing context is closed");
        }
        if (topK < 1) {
            throw new IllegalArgumentException("topK must be at least 1, got " + topK);
        }
        int[] promptTokens = tokenize(prompt, true);
        int[] answerTokens = answerTokens(prompt, promptTokens, answer);
        int k = Math.min(topK, vocabSize);
        if (answerTokens.length == 0) {
            return new ForcedAnswer(List.of(), k);
        }
        int evaluated = promptTokens.length + answerTokens.length - 1;
        if (evaluated > contextSize) {
            throw new BackendException(BackendException.Kind.CONTEXT_EXCEEDED, "llamacpp: teacher forcing needs "
                    + evaluated + " tokens (prompt " + promptTokens.length + ", answer " + answerTokens.length
                    + "), but the context holds " + contextSize);
        }
        int[] sequence = Arrays.copyOf(promptTokens, evaluated);
        System.arraycopy(answerTokens, 0, sequence, promptTokens.length, answerTokens.length - 1);

        long start = System.nanoTime();
        int firstOutput = promptTokens.length - 1;
        int reused = keepCommonPrefix(sequence, firstOutput);
        List<TokenDistribution> positions = new ArrayList<>(answerTokens.length);
        try (BatchBuffers buffers = new BatchBuffers(PROMPT_CHUNK)) {
            for (int from = reused; from < firstOutput; from += PROMPT_CHUNK) {
                decode(buffers, sequence, from, Math.min(from + PROMPT_CHUNK, firstOutput), false);
            }
            for (int from = firstOutput; from < evaluated; from += ANSWER_CHUNK) {
                int to = Math.min(from + ANSWER_CHUNK, evaluated);
                decode(buffers, sequence, from, to, true);
                for (int i = 0; i < to - from; i++) {
                    float[] logits = api.llama_get_logits_ith(context, i).getFloatArray(0, vocabSize);
                    positions.add(candidates.distribution(logits, answerTokens[from + i - firstOutput], k));
                }
            }
        }
        cached = sequence;
        lastReused = reused;
        LOG.debug("llamacpp: forced {} answer tokens after {} prompt tokens ({} reused from the cache) in {} ms",
                answerTokens.length, promptTokens.length, reused, (System.nanoTime() - start) / 1_000_000);
        return new ForcedAnswer(positions, k);
    }

    /** @return the tokens the last successful {@link #force} took from the cache instead of evaluating them */
    int lastReused() {
        return lastReused;
    }

    /**
     * Keeps the cached tokens {@code sequence} starts with, up to {@code limit}, and removes the rest from the cache.
     *
     * @return how many are kept: the position evaluation starts at
     */
    private int keepCommonPrefix(int[] sequence, int limit) {
        int common = Arrays.mismatch(cached, sequence);
        int keep = Math.min(common < 0 ? cached.length : common, limit);
        cached = new int[0]; // until this call has evaluated its tokens: a failed call leaves the cache unknown
        if (keep == 0 || api.llama_kv_self_seq_rm(context, 0, keep, -1) == 0) {
            api.llama_kv_self_clear(context);
            return 0;
        }
        return keep;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            api.llama_free(context);
            api.llama_model_free(model);
        }
    }

    /**
     * The answer's tokens as they follow the prompt: the tokens of prompt + answer after the prompt's own tokens.
     * Tokenized alone, a SentencePiece vocabulary would put a space before the answer's first word that the model
     * never saw there. When the two tokenizations do not share the prompt's tokens (a merge across the boundary),
     * the answer is tokenized on its own, without special tokens.
     */
    private int[] answerTokens(String prompt, int[] promptTokens, String answer) {
        if (answer.isEmpty()) {
            return new int[0];
        }
        int[] joint = tokenize(prompt + answer, true);
        if (joint.length >= promptTokens.length
                && Arrays.equals(joint, 0, promptTokens.length, promptTokens, 0, promptTokens.length)) {
            return Arrays.copyOfRange(joint, promptTokens.length, joint.length);
        }
        LOG.debug("llamacpp: prompt and answer tokenize across their boundary; tokenizing the answer alone");
        return tokenize(answer, false);
    }

    private int[] tokenize(String text, boolean withPrompt) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int[] tokens = new int[bytes.length + 2];
        int n = api.llama_tokenize(vocab, bytes, bytes.length, tokens, tokens.length, withPrompt, withPrompt);
        if (n < 0) {
            tokens = new int[-n];
            n = api.llama_tokenize(vocab, bytes, bytes.length, tokens, tokens.length, withPrompt, withPrompt);
        }
        return Arrays.copyOf(tokens, n);
    }

    private String piece(int token) {
        String cached = pieces[token];
        if (cached == null) {
            byte[] buffer = new byte[64];
            int n = api.llama_token_to_piece(vocab, token, buffer, buffer.length, 0, true);
            if (n < 0) {
                buffer = new byte[-n];
                n = api.llama_token_to_piece(vocab, token, buffer, buffer.length, 0, true);
            }
            cached = new String(buffer, 0, Math.max(n, 0), StandardCharsets.UTF_8);
            pieces[token] = cached;
        }
        return cached;
    }

    private void decode(BatchBuffers buffers, int[] sequence, int from, int to, boolean logits)
            throws BackendException {
        if (Thread.currentThread().isInterrupted()) {
            throw new BackendException(BackendException.Kind.INTERRUPTED, "llamacpp: teacher forcing interrupted");
        }
        int rc = api.llama_decode(context, buffers.fill(sequence, from, to, logits));
        if (rc != 0) {
            throw new BackendException(BackendException.Kind.BAD_RESPONSE, "llamacpp: teacher forcing: llama_decode "
                    + "returned " + rc + " at tokens " + from + ".." + to, 1, null);
        }
    }

    /** Native arrays of one batch, reused for every chunk; freed on close. */
    private static final class BatchBuffers implements AutoCloseable {
        private final Memory token;
        private final Memory pos;
        private final Memory nSeqId;
        private final Memory seqIds;
        private final Memory logits;
        private final Memory seqZero = new Memory(Integer.BYTES);

        BatchBuffers(int capacity) {
            token = new Memory((long) Integer.BYTES * capacity);
            pos = new Memory((long) Integer.BYTES * capacity);
            nSeqId = new Memory((long) Integer.BYTES * capacity);
            seqIds = new Memory((long) Native.POINTER_SIZE * capacity);
            logits = new Memory(capacity);
            seqZero.setInt(0, 0);
        }

        LlamaCApi.Batch fill(int[] sequence, int from, int to, boolean withLogits) {
            int n = to - from;
            for (int i = 0; i < n; i++) {
                token.setInt((long) Integer.BYTES * i, sequence[from + i]);
                pos.setInt((long) Integer.BYTES * i, from + i);
                nSeqId.setInt((long) Integer.BYTES * i, 1);
                seqIds.setPointer((long) Native.POINTER_SIZE * i, seqZero);
                logits.setByte(i, (byte) (withLogits ? 1 : 0));
            }
            LlamaCApi.Batch batch = new LlamaCApi.Batch();
            batch.n_tokens = n;
            batch.token = token;
            batch.pos = pos;
            batch.n_seq_id = nSeqId;
            batch.seq_id = seqIds;
            batch.logits = logits;
            return batch;
        }

        @Override
        public void close() {
            token.close();
            pos.close();
            nSeqId.close();
            seqIds.close();
            logits.close();
            seqZero.close();
        }
    }

    /**
     * The native library the binding loaded: in the directory {@link NativeBinding} extracted it to (or the user
     * named), else where the binding's own loader puts it ({@code java.io.tmpdir}). Loading the same file again
     * gives the same library instance, with the state the binding initialised.
     */
    private static Path libraryPath() throws BackendException {
        String name = System.mapLibraryName("jllama");
        List<Path> candidates = new ArrayList<>();
        NativeBinding.libraryDirectory().ifPresent(dir -> candidates.add(Path.of(dir, name)));
        candidates.add(Path.of(System.getProperty("java.io.tmpdir"), name));
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new BackendException(BackendException.Kind.CONFIGURATION, "llamacpp: teacher forcing needs the "
                + "binding's native library file, not found at " + candidates, 1, null);
    }

    /**
     * The defaults build 4916 returns, read through the structures above: if a field moved, some of them read wrong
     * and nothing is passed to llama.cpp in a layout it does not expect.
     */
    private static void checkBuild4916Layout(LlamaCApi.ModelParams m, LlamaCApi.ContextParams c)
            throws BackendException {
        boolean modelOk = m.devices == null && m.n_gpu_layers == 0 && m.kv_overrides == null && m.vocab_only == 0
                && m.use_mmap == 1 && m.use_mlock == 0 && m.check_tensors == 0;
        boolean contextOk = c.n_ctx == 512 && c.n_batch == 2048 && c.n_ubatch == 512 && c.n_seq_max == 1
                && c.rope_scaling_type == -1 && c.pooling_type == -1 && c.attention_type == -1
                && c.yarn_ext_factor == -1f && c.yarn_attn_factor == 1f && c.yarn_beta_fast == 32f
                && c.yarn_beta_slow == 1f && c.cb_eval == null && c.type_k == 1 && c.type_v == 1
                && c.logits_all == 0 && c.embeddings == 0 && c.offload_kqv == 1 && c.flash_attn == 0 && c.no_perf == 1
                && c.abort_callback == null;
        if (!modelOk || !contextOk) {
            throw new BackendException(BackendException.Kind.CONFIGURATION, "llamacpp: teacher forcing needs the C API "
                    + "of llama.cpp build 4916 (de.kherud:llama 4.2.0); the loaded library's default parameters do "
                    + "not match it (binding " + NativeBinding.bindingVersion() + ")", 1, null);
        }
    }
}

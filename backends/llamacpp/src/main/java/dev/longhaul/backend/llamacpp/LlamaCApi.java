package dev.longhaul.backend.llamacpp;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * The part of llama.cpp's C API ({@code llama.h} of build 4916, the one inside {@code de.kherud:llama} 4.2.0) that
 * teacher forcing uses, called through JNA on the binding's own native library.
 *
 * <p>Why not the binding: its {@code InferenceParameters.setNProbs} makes llama.cpp's server code attach
 * {@code completion_probabilities} in the current format, which the binding's JNI code reads in the old format
 * ({@code probs}/{@code tok_str}); the JSON library's assertion then aborts the whole JVM. The C API gives the
 * logits of every position directly, for the whole vocabulary.
 *
 * <p>The structures below mirror build 4916's layouts field by field; {@link ForcingContext} checks the defaults
 * the library returns against the values build 4916 sets before it trusts them.
 */
interface LlamaCApi extends Library {

    /** {@code struct llama_model_params} (64 bytes on 64-bit platforms). */
    @Structure.FieldOrder({"devices", "n_gpu_layers", "split_mode", "main_gpu", "tensor_split", "progress_callback",
            "progress_callback_user_data", "kv_overrides", "vocab_only", "use_mmap", "use_mlock", "check_tensors"})
    class ModelParams extends Structure implements Structure.ByValue {
        public Pointer devices;
        public int n_gpu_layers;
        public int split_mode;
        public int main_gpu;
        public Pointer tensor_split;
        public Pointer progress_callback;
        public Pointer progress_callback_user_data;
        public Pointer kv_overrides;
        public byte vocab_only;
        public byte use_mmap;
        public byte use_mlock;
        public byte check_tensors;
    }

    /** {@code struct llama_context_params} (120 bytes on 64-bit platforms). */
    @Structure.FieldOrder({"n_ctx", "n_batch", "n_ubatch", "n_seq_max", "n_threads", "n_threads_batch",
            "rope_scaling_type", "pooling_type", "attention_type", "rope_freq_base", "rope_freq_scale",
            "yarn_ext_factor", "yarn_attn_factor", "yarn_beta_fast", "yarn_beta_slow", "yarn_orig_ctx", "defrag_thold",
            "cb_eval", "cb_eval_user_data", "type_k", "type_v", "logits_all", "embeddings", "offload_kqv",
            "flash_attn", "no_perf", "abort_callback", "abort_callback_data"})
    class ContextParams extends Structure implements Structure.ByValue {
        public int n_ctx;
        public int n_batch;
        public int n_ubatch;
        public int n_seq_max;
        public int n_threads;
        public int n_threads_batch;
        public int rope_scaling_type;
        public int pooling_type;
        public int attention_type;
        public float rope_freq_base;
        public float rope_freq_scale;
        public float yarn_ext_factor;
        public float yarn_attn_factor;
        public float yarn_beta_fast;
        public float yarn_beta_slow;
        public int yarn_orig_ctx;
        public float defrag_thold;
        public Pointer cb_eval;
        public Pointer cb_eval_user_data;
        public int type_k;
        public int type_v;
        public byte logits_all;
        public byte embeddings;
        public byte offload_kqv;
        public byte flash_attn;
        public byte no_perf;
        public Pointer abort_callback;
        public Pointer abort_callback_data;
    }

    /** {@code struct llama_batch}: parallel arrays of {@code n_tokens} entries, allocated by the caller. */
    @Structure.FieldOrder({"n_tokens", "token", "embd", "pos", "n_seq_id", "seq_id", "logits"})
    class Batch extends Structure implements Structure.ByValue {
        public int n_tokens;
        public Pointer token;
        public Pointer embd;
        public Pointer pos;
        public Pointer n_seq_id;
        public Pointer seq_id;
        public Pointer logits;
    }

    void llama_backend_init();

    ModelParams llama_model_default_params();

    ContextParams llama_context_default_params();

    Pointer llama_model_load_from_file(String path, ModelParams params);

    void llama_model_free(Pointer model);

    Pointer llama_init_from_model(Pointer model, ContextParams params);

    void llama_free(Pointer context);

    int llama_n_ctx(Pointer context);

    Pointer llama_model_get_vocab(Pointer model);

    int llama_vocab_n_tokens(Pointer vocab);

    int llama_tokenize(Pointer vocab, byte[] text, int textLength, int[] tokens, int maxTokens, boolean addSpecial,
                       boolean parseSpecial);

    int llama_token_to_piece(Pointer vocab, int token, byte[] buffer, int length, int lstrip, boolean special);

    void llama_kv_self_clear(Pointer context);

    /** Removes positions [p0, p1) of a sequence from the KV cache ({@code p1 < 0}: to the end); C {@code bool}. */
    byte llama_kv_self_seq_rm(Pointer context, int seqId, int p0, int p1);

    int llama_decode(Pointer context, Batch batch);

    Pointer llama_get_logits_ith(Pointer context, int i);

    /** ggml type ids of build 4916 ({@code enum ggml_type}) for the KV cache types. */
    static int ggmlType(KvCacheType type) {
        return switch (type) {
            case F32 -> 0;
            case F16 -> 1;
            case Q4_0 -> 2;
            case Q4_1 -> 3;
            case Q5_0 -> 6;
            case Q5_1 -> 7;
            case Q8_0 -> 8;
            case IQ4_NL -> 20;
            case BF16 -> 30;
        };
    }
}

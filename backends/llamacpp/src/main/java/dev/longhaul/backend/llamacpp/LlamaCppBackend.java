package dev.longhaul.backend.llamacpp;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import dev.longhaul.backend.Backend;
import dev.longhaul.backend.BackendConfig;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.BackendInfo;
import dev.longhaul.backend.ChatRequest;
import dev.longhaul.backend.ChatResponse;
import dev.longhaul.backend.ForcedAnswer;
import dev.longhaul.backend.GenerationStats;
import dev.longhaul.backend.TeacherForcing;
import dev.longhaul.report.MetricKey;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A llama.cpp model loaded in this process through {@code de.kherud:llama}: the KV cache type is really applied,
 * and the backend reports what llama.cpp allocated. One conversation at a time; not thread-safe.
 *
 * <p>Teacher forcing ({@link #force}) runs in a second llama.cpp context with the same settings, created on first use
 * (see {@link ForcingContext}); generation never touches it.
 */
final class LlamaCppBackend implements Backend, TeacherForcing {

    private static final Logger LOG = LoggerFactory.getLogger(LlamaCppBackend.class);
    private static final String CHATML_END = "<|im_end|>";

    private final LlamaCppSettings settings;
    private final ModelFile modelFile;
    private final LlamaModel model;
    private final int contextSize;
    private final ModelLoadSpec spec;
    private final BackendInfo info;
    private final PromptFormatter formatter = new PromptFormatter();
    private final PromptCacheTracker promptCache = new PromptCacheTracker();
    private ForcingContext forcing;
    private boolean closed;

    private LlamaCppBackend(LlamaCppSettings settings, ModelFile modelFile, LlamaModel model, int contextSize,
                            ModelLoadSpec spec, BackendInfo info) {
        this.settings = settings;
        this.modelFile = modelFile;
        this.model = model;
        this.contextSize = contextSize;
        this.spec = spec;
        this.info = info;
    }

    /**
     * Checks the config, the model file, its architecture ({@link BundledArchitectures}) and (unless
     * {@code kv_log=off}) what llama.cpp makes of them in a probe process, then loads the model.
     *
     * @param config the config
     * @return the loaded backend
     * @throws BackendException (configuration) naming what is wrong
     */
    static LlamaCppBackend open(BackendConfig config) throws BackendException {
        LlamaCppSettings settings = LlamaCppSettings.from(config);
        ModelFile modelFile = ModelFile.resolve(settings.modelFile());
        BundledArchitectures.check(modelFile);
        int contextSize = settings.contextSize().orElseGet(() -> defaultContextSize(modelFile.header()));
        ModelLoadSpec spec = new ModelLoadSpec(modelFile.path(), contextSize, settings.threads(), settings.typeK(),
                settings.typeV(), settings.flashAttentionOn());

        NativeBinding.load();
        KvCacheProbe.Outcome probe = settings.kvLogProbe() ? KvCacheProbe.probe(spec, modelFile, config.timeout())
                : new KvCacheProbe.Outcome(null, "kv_log=off");
        LlamaModel model;
        try {
            model = new LlamaModel(spec.toModelParameters(settings.nativeLogToStderr()));
        } catch (RuntimeException e) {
            throw new BackendException(BackendException.Kind.CONFIGURATION, "llamacpp: llama.cpp could not load model file "
                    + modelFile.path() + " with " + KvCacheProbe.describe(spec) + ": " + e.getMessage()
                    + (settings.kvLogProbe() ? "" : " (set option kv_log=probe or native_log=stderr to see why)"), 1, e);
        }
        try {
            if (!settings.nativeLogToStderr()) {
                NativeBinding.routeLogToSlf4j();
            }
            KvCacheReport report = probe.report();
            int appliedContext = report != null ? report.contextSize().orElse(contextSize) : contextSize;
            BackendInfo info = describe(settings, modelFile, spec, appliedContext, probe);
            LOG.info("llamacpp: loaded {} ({}), KV cache {}, n_ctx {}, flash attention {}, {} threads",
                    modelFile.fileName(), modelFile.displayName(), info.kvType(), appliedContext,
                    info.facts().get("flash_attention"), settings.threads());
            ModelLoadSpec applied = new ModelLoadSpec(spec.modelFile(), appliedContext, spec.threads(), spec.typeK(),
                    spec.typeV(), spec.flashAttention());
            return new LlamaCppBackend(settings, modelFile, model, appliedContext, applied, info);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    @Override
    public ChatResponse chat(ChatRequest request) throws BackendException {
        if (closed) {
            throw new IllegalStateException("the llamacpp backend is closed");
        }
        String prompt = formatter.format(model, request);
        int[] promptTokens = tokenize(prompt, modelFile.header().addsBos());
        if (promptTokens.length + 1 > contextSize) {
            throw new BackendException(BackendException.Kind.CONTEXT_EXCEEDED, "llamacpp: the prompt has "
                    + promptTokens.length + " tokens, but the context holds " + contextSize
                    + " (one answer token needs " + (promptTokens.length + 1) + ")");
        }
        // llama.cpp (context shift off) must not run out of context while generating: it would fail the request.
        int nPredict = Math.min(settings.maxTokens(), contextSize - promptTokens.length);
        int cached = settings.prefixReuse() ? promptCache.reusableTokens(promptTokens) : 0;
        InferenceParameters params = new InferenceParameters(prompt)
                .setNPredict(nPredict)
                .setTemperature((float) settings.temperature())
                .setSeed(settings.seed())
                .setCachePrompt(settings.prefixReuse());
        if (usesChatMl()) {
            params.setStopStrings(CHATML_END);
        }

        Generation generation;
        try {
            generation = generate(params);
        } catch (BackendException | RuntimeException e) {
            promptCache.forget();
            throw e;
        }
        String answer = generation.text.toString();
        boolean atLimit = generation.tokens >= nPredict;
        if (settings.prefixReuse()) {
            promptCache.remember(promptTokens, model.encode(answer), atLimit);
        }
        Double tokensPerSecond = generation.tokens >= 2 && generation.lastTokenNanos > generation.firstTokenNanos
                ? (generation.tokens - 1) / ((generation.lastTokenNanos - generation.firstTokenNanos) / 1e9) : null;
        GenerationStats stats = new GenerationStats(promptTokens.length, cached, generation.tokens,
                Duration.ofNanos(generation.endNanos - generation.startNanos),
                generation.tokens > 0 ? Duration.ofNanos(generation.firstTokenNanos - generation.startNanos) : null,
                tokensPerSecond);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put(MetricKey.PROMPT_TOKENS_EVALUATED.name(), promptTokens.length - cached);
        extra.put("n_predict", nPredict);
        return new ChatResponse(answer, atLimit ? "length" : "stop", stats, extra);
    }

    /**
     * Evaluates {@code answer} after the templated conversation in this backend's forcing context: per answer token
     * (the answer's tokenization as it follows the prompt), the full-vocabulary softmax of the logits before any
     * sampler, cut to the {@code topK} most likely tokens, and the answer token's exact log-probability.
     */
    @Override
    public ForcedAnswer force(ChatRequest request, String answer, int topK) throws BackendException {
        if (closed) {
            throw new IllegalStateException("the llamacpp backend is closed");
        }
        if (forcing == null) {
            forcing = ForcingContext.open(spec);
        }
        return forcing.force(formatter.format(model, request), answer, topK);
    }

    /** @return the prompt tokens the last {@link #force} reused from the forcing context's cache (0 before any) */
    int lastForcingReuse() {
        return forcing == null ? 0 : forcing.lastReused();
    }

    /** The answer as it streamed in, with the times that matter. */
    private static final class Generation {
        final StringBuilder text = new StringBuilder();
        int tokens;
        long startNanos;
        long firstTokenNanos;
        long lastTokenNanos;
        long endNanos;
    }

    private Generation generate(InferenceParameters params) throws BackendException {
        Generation g = new Generation();
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        g.startNanos = System.nanoTime();
        LlamaIterator it;
        try {
            it = model.generate(params).iterator();
            while (it.hasNext()) {
                LlamaOutput out = it.next();
                long now = System.nanoTime();
                // Every output but the last is one generated token (its text may be held back while it could
                // still become a stop string); the last one closes the stream.
                if (it.hasNext()) {
                    if (g.tokens == 0) {
                        g.firstTokenNanos = now;
                    }
                    g.tokens++;
                    g.lastTokenNanos = now;
                }
                g.text.append(out.text);
                if (it.hasNext() && Thread.currentThread().isInterrupted()) {
                    it.cancel();
                    throw new BackendException(BackendException.Kind.INTERRUPTED,
                            "llamacpp: interrupted after " + g.tokens + " generated tokens");
                }
                if (it.hasNext() && now - deadline > 0) {
                    it.cancel();
                    throw new BackendException(BackendException.Kind.TIMEOUT, "llamacpp: no complete answer within "
                            + settings.timeout().toSeconds() + " s (" + g.tokens + " tokens generated)");
                }
            }
        } catch (RuntimeException e) {
            // The binding's LlamaException is not public; it carries llama.cpp's error message.
            String message = String.valueOf(e.getMessage());
            BackendException.Kind kind = message.contains("context") ? BackendException.Kind.CONTEXT_EXCEEDED
                    : BackendException.Kind.BAD_RESPONSE;
            throw new BackendException(kind, "llamacpp: llama.cpp failed while generating: "
                    + message.lines().findFirst().orElse(message), 1, e);
        }
        g.endNanos = System.nanoTime();
        return g;
    }

    private int[] tokenize(String prompt, boolean withBos) {
        int[] text = model.encode(prompt);
        if (!withBos) {
            return text;
        }
        int[] tokens = new int[text.length + 1];
        tokens[0] = -1; // BOS: its id does not matter for counting and prefix comparison, only that it is first
        System.arraycopy(text, 0, tokens, 1, text.length);
        return tokens;
    }

    private boolean usesChatMl() {
        return modelFile.header().chatTemplate().map(t -> t.contains(CHATML_END)).orElse(true);
    }

    @Override
    public BackendInfo info() {
        return info;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (forcing != null) {
                forcing.close();
            }
            model.close();
        }
    }

    private static int defaultContextSize(GgufHeader header) {
        return (int) Math.min(header.contextLength().orElse(4096L), LlamaCppSettings.MAX_DEFAULT_CONTEXT);
    }

    private static BackendInfo describe(LlamaCppSettings s, ModelFile file, ModelLoadSpec spec, int contextSize,
                                        KvCacheProbe.Outcome probe) {
        KvCacheReport report = probe.report();
        String typeK = report != null ? report.typeK().orElse(spec.typeK().llamaName()) : spec.typeK().llamaName();
        String typeV = report != null ? report.typeV().orElse(spec.typeV().llamaName()) : spec.typeV().llamaName();
        boolean flash = report != null ? report.flashAttention().orElse(spec.flashAttention()) : spec.flashAttention();
        if (!typeK.equals(spec.typeK().llamaName()) || !typeV.equals(spec.typeV().llamaName())) {
            LOG.warn("llamacpp: asked for KV cache {} but llama.cpp applied {}",
                    LlamaCppSettings.kvLabel(spec.typeK().llamaName(), spec.typeV().llamaName()),
                    LlamaCppSettings.kvLabel(typeK, typeV));
        }
        String binding = NativeBinding.bindingVersion();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("model_file", file.fileName());
        facts.put("model_path", file.path().toString());
        facts.put("model_sha256", file.sha256());
        facts.put("model_bytes", file.size());
        facts.put("model_bundled", file.bundled());
        facts.put("architecture", file.header().architecture());
        file.header().contextLength().ifPresent(n -> facts.put("context_train", n));
        facts.put("kv_type_k", typeK);
        facts.put("kv_type_v", typeV);
        facts.put("flash_attention", flash ? "on" : "off");
        facts.put("threads", s.threads());
        facts.put("temperature", s.temperature());
        facts.put("seed", s.seed());
        facts.put("max_tokens", s.maxTokens());
        facts.put("prefix_reuse", s.prefixReuse());
        facts.put("binding", "de.kherud:llama " + binding);
        String build = report != null ? report.llamaCppBuild().orElse(null) : null;
        if (build == null && binding.equals("4.2.0")) {
            build = "4916";
        }
        if (build != null) {
            facts.put("llama_cpp_build", build);
        }
        if (report != null && !report.lines().isEmpty()) {
            facts.put("kv_log", report.joinedLines());
        } else {
            facts.put("kv_log_unavailable", report != null ? "llama.cpp logged no KV cache lines" : probe.unavailable());
        }
        Integer trained = file.header().contextLength().filter(n -> n > 0 && n <= Integer.MAX_VALUE)
                .map(Long::intValue).orElse(null);
        return new BackendInfo(LlamaCppProvider.NAME, file.displayName(), LlamaCppSettings.kvLabel(typeK, typeV),
                contextSize, trained, facts);
    }
}

package dev.longhaul.backend.openai;

import dev.longhaul.backend.Backend;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.BackendInfo;
import dev.longhaul.backend.ChatRequest;
import dev.longhaul.backend.ChatResponse;
import dev.longhaul.backend.ForcedAnswer;
import dev.longhaul.backend.TeacherForcing;

/**
 * The {@code llama-server} provider's backend: chat as {@link OpenAiBackend}, plus teacher forcing through
 * llama-server's own endpoints ({@link LlamaServerForcing}), which other OpenAI-compatible servers do not have.
 */
final class LlamaServerBackend implements Backend, TeacherForcing {

    private final OpenAiBackend chat;
    private final LlamaServerForcing forcing;

    LlamaServerBackend(OpenAiBackend chat) {
        this.chat = chat;
        this.forcing = new LlamaServerForcing(chat.transport());
    }

    @Override
    public ChatResponse chat(ChatRequest request) throws BackendException {
        return chat.chat(request);
    }

    /**
     * One {@code POST /completion} per answer token (see {@link LlamaServerForcing}): the server's pre-sampling
     * top-K at every position; the answer token's log-probability is NaN when it is not among the K.
     */
    @Override
    public ForcedAnswer force(ChatRequest request, String answer, int topK) throws BackendException {
        return forcing.force(request, answer, topK);
    }

    @Override
    public BackendInfo info() {
        return chat.info();
    }

    @Override
    public void close() {
        chat.close();
    }
}

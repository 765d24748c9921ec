package dev.longhaul.samples.replay;

import dev.longhaul.backend.Backend;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.BackendInfo;
import dev.longhaul.backend.ChatRequest;
import dev.longhaul.backend.ChatResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Answers each prompt with its next recorded answer and the figures recorded with it. A prompt the recording does
 * not hold (or holds fewer times than asked) is a failed turn of kind {@code CONFIGURATION}, so a recording made with
 * another script shows up at once.
 */
public final class ReplayBackend implements Backend {

    private static final int PROMPT_EXCERPT = 60;

    private final Recording recording;
    private final String model;

    /**
     * @param recording the answers to replay (consumed as they are replayed)
     * @param model     the model name to report, or null for the recording's
     */
    public ReplayBackend(Recording recording, String model) {
        this.recording = recording;
        this.model = model != null ? model : recording.model().orElse(null);
    }

    // tag::backend[]
    @Override
    public ChatResponse chat(ChatRequest request) throws BackendException {
        String prompt = request.last().content();
        RecordedAnswer answer = recording.next(prompt).orElseThrow(() -> new BackendException(
                BackendException.Kind.CONFIGURATION, "replay recording " + recording.file()
                        + " holds no (further) answer to the prompt '" + excerpt(prompt) + "'"));
        return ChatResponse.of(answer.response(), answer.finishReason(), answer.stats());
    }

    @Override
    public BackendInfo info() {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("replay_file", recording.file().toString());
        facts.put("recorded_answers", recording.size());
        return new BackendInfo("replay", model, null, null, facts);
    }
    // end::backend[]

    private static String excerpt(String prompt) {
        String oneLine = prompt.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= PROMPT_EXCERPT ? oneLine : oneLine.substring(0, PROMPT_EXCERPT) + "…";
    }
}

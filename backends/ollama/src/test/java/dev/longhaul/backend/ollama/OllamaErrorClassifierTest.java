package dev.longhaul.backend.ollama;

import dev.longhaul.backend.BackendException.Kind;
import dev.longhaul.backend.http.HttpErrorResponse;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OllamaErrorClassifierTest {

    private final OllamaErrorClassifier classifier = new OllamaErrorClassifier();

    private Kind classify(int status, String serverMessage) {
        return classifier.classify(new HttpErrorResponse("POST", URI.create("http://localhost:11434/api/chat"),
                status, serverMessage, null));
    }

    @Test
    void bothOfOllamasModelNotFoundTextsAreModelNotFound() {
        assertEquals(Kind.MODEL_NOT_FOUND, classify(404, "model 'no-such-model' not found"));
        assertEquals(Kind.MODEL_NOT_FOUND, classify(404, "model \"x\" not found, try pulling it first"));
    }

    @Test
    void aNotFoundThatIsNotAboutAModelIsRejected() {
        assertEquals(Kind.REJECTED, classify(404, "404 page not found"));
    }

    @Test
    void anInputOverTheContextLengthIsContextExceeded() {
        assertEquals(Kind.CONTEXT_EXCEEDED, classify(400, "the input length exceeds the context length"));
    }

    @Test
    void otherClientErrorsAreRejected() {
        assertEquals(Kind.REJECTED, classify(400, "model is required"));
        assertEquals(Kind.REJECTED, classify(400, "json: cannot unmarshal string into Go struct field "
                + "Options.options.num_ctx of type int"));
    }
}

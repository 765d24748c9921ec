package dev.longhaul.backend.ollama;

import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.BackendException.Kind;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OllamaErrorMapperTest {

    private static final String SERVER = "Ollama at http://localhost:11434";

    private static BackendException map(String fixture, String model) {
        Fixture f = Fixture.load(fixture);
        return new OllamaErrorMapper(Fixture.JSON, SERVER, model).map(f.status(), f.path(), f.responseBody());
    }

    @Test
    void aMissingModelSaysHowToPullIt() {
        BackendException e = map("08-error-model-not-found", "no-such-model");

        assertEquals(Kind.MODEL_NOT_FOUND, e.kind());
        assertEquals("model 'no-such-model' not found on Ollama at http://localhost:11434 "
                + "(pull it with `ollama pull no-such-model`)", e.getMessage());
    }

    @Test
    void aMissingModelOnShowIsAlsoModelNotFound() {
        assertEquals(Kind.MODEL_NOT_FOUND, map("14-show-not-found", "no-such-model").kind());
    }

    @Test
    void badRequestIsRejectedWithTheServersMessage() {
        BackendException e = map("07-error-400", "m");

        assertEquals(Kind.REJECTED, e.kind());
        assertEquals(SERVER + " answered 400 to /api/chat: json: cannot unmarshal string into Go struct field "
                + "Options.options.num_ctx of type int", e.getMessage());
    }

    @Test
    void serverFailuresAndAFullQueueAreTransientServerErrors() {
        BackendException crashed = map("09-error-500", "m");
        BackendException busy = map("10-error-429", "m");

        assertEquals(Kind.SERVER_ERROR, crashed.kind());
        assertEquals(SERVER + " answered 500 to /api/chat: llama runner process has terminated: exit status 2",
                crashed.getMessage());
        assertEquals(Kind.SERVER_ERROR, busy.kind());
        assertEquals(true, busy.kind().isTransient());
        assertEquals(SERVER + " answered 429 to /api/chat: server busy, please try again. maximum pending requests "
                + "exceeded", busy.getMessage());
    }

    @Test
    void aNotFoundPageThatIsNotAboutTheModelIsRejectedAndQuoted() {
        BackendException e = new OllamaErrorMapper(Fixture.JSON, SERVER, "m")
                .map(404, "/api/chat", "404 page not found".getBytes(StandardCharsets.UTF_8));

        assertEquals(Kind.REJECTED, e.kind());
        assertEquals(SERVER + " answered 404 to /api/chat: '404 page not found'", e.getMessage());
    }

    @Test
    void anOverLongInputIsAContextError() {
        BackendException e = new OllamaErrorMapper(Fixture.JSON, SERVER, "m").map(400, "/api/chat",
                "{\"error\":\"the input length exceeds the context length\"}".getBytes(StandardCharsets.UTF_8));

        assertEquals(Kind.CONTEXT_EXCEEDED, e.kind());
    }

    @Test
    void anEmptyBodyIsNamedAsSuch() {
        BackendException e = new OllamaErrorMapper(Fixture.JSON, SERVER, "m").map(502, "/api/chat", new byte[0]);

        assertEquals(SERVER + " answered 502 to /api/chat: (empty body)", e.getMessage());
    }
}

package dev.longhaul.backend.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhaul.backend.BackendException.Kind;
import dev.longhaul.backend.http.HttpErrorResponse;
import java.net.URI;
import org.junit.jupiter.api.Test;

class OpenAiErrorsTest {

    private final OpenAiErrors errors = new OpenAiErrors();

    private Kind classify(int status, String body) throws Exception {
        JsonNode json = new ObjectMapper().readTree(body);
        JsonNode error = json.path("error");
        String message = error.isObject() ? error.path("message").asText() : json.path("message").asText();
        return errors.classify(new HttpErrorResponse("POST", URI.create("http://h/v1/chat/completions"), status,
                message, json));
    }

    @Test
    void recognisesAnExceededContextOfEachServer() throws Exception {
        assertEquals(Kind.CONTEXT_EXCEEDED, classify(400, LlamaServerFixtures.responseJson("12-error-context-exceeded")
                .toString()));
        assertEquals(Kind.CONTEXT_EXCEEDED, classify(400, "{\"error\":{\"message\":\"This model's maximum context"
                + " length is 8192 tokens. However, your messages resulted in 9000 tokens.\",\"type\":"
                + "\"invalid_request_error\",\"param\":\"messages\",\"code\":\"context_length_exceeded\"}}"));
        assertEquals(Kind.CONTEXT_EXCEEDED, classify(400, "{\"object\":\"error\",\"message\":\"This model's maximum"
                + " context length is 4096 tokens. However, you requested 5000 tokens.\",\"type\":\"BadRequestError\","
                + "\"param\":null,\"code\":400}"));
    }

    @Test
    void recognisesAnUnknownModel() throws Exception {
        assertEquals(Kind.MODEL_NOT_FOUND, classify(404, "{\"error\":{\"message\":\"The model `gpt-9` does not exist or"
                + " you do not have access to it.\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":"
                + "\"model_not_found\"}}"));
        assertEquals(Kind.MODEL_NOT_FOUND, classify(404, "{\"object\":\"error\",\"message\":\"The model `foo` does not"
                + " exist.\",\"type\":\"NotFoundError\",\"param\":null,\"code\":404}"));
    }

    @Test
    void treatsAnUnknownRouteAndOtherRejectionsAsRejected() throws Exception {
        assertEquals(Kind.REJECTED, classify(404, LlamaServerFixtures.responseJson("15-error-unknown-route")
                .toString()));
        assertEquals(Kind.REJECTED, classify(400, LlamaServerFixtures.responseJson("14-error-messages-missing")
                .toString()));
    }

    @Test
    void classifiesErrorsInsideAStreamByTheirCodeAndType() throws Exception {
        JsonNode loading = LlamaServerFixtures.responseJson("00-health-loading").path("error");
        assertEquals(Kind.SERVER_ERROR, OpenAiErrors.kind(200, loading, loading.path("message").asText()));
        JsonNode exceeded = LlamaServerFixtures.responseJson("12-error-context-exceeded").path("error");
        assertEquals(Kind.CONTEXT_EXCEEDED, OpenAiErrors.kind(200, exceeded, exceeded.path("message").asText()));
        assertEquals(Kind.REJECTED, OpenAiErrors.kind(200, null, "something odd"));
    }
}

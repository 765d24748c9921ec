package dev.longhaul.backend.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SecretRedactorTest {

    private final SecretRedactor redactor = new SecretRedactor("sk-test-0123456789abcdefWXYZ");

    @Test
    void removesTheKeyAndMaskedCopiesOfIt() {
        assertEquals("bad key [redacted] here", redactor.redact("bad key sk-test-0123456789abcdefWXYZ here"));
        assertEquals("Incorrect API key provided: [redacted]. You can find your API key at https://x.",
                redactor.redact("Incorrect API key provided: sk-test-*************WXYZ. You can find your API key"
                        + " at https://x."));
    }

    @Test
    void leavesOtherTextAlone() {
        assertEquals("request (1441 tokens) exceeds the available context size (512 tokens)",
                redactor.redact("request (1441 tokens) exceeds the available context size (512 tokens)"));
        assertEquals("anything", new SecretRedactor(null).redact("anything"));
    }
}

/**
 * The {@code ollama} backend: {@link dev.longhaul.backend.ollama.OllamaProvider} creates an
 * {@link dev.longhaul.backend.ollama.OllamaBackend} that talks to an Ollama server's {@code /api/chat} over the
 * shared HTTP transport.
 */
package dev.longhaul.backend.ollama;

/**
 * The OpenAI-compatible chat backend: {@code POST /v1/chat/completions} on llama.cpp's {@code llama-server}, vLLM,
 * OpenAI and other compatible servers. Providers {@code llama-server} ({@link
 * dev.longhaul.backend.openai.LlamaServerProvider}) and {@code openai} ({@link
 * dev.longhaul.backend.openai.OpenAiProvider}) create an {@link dev.longhaul.backend.openai.OpenAiBackend}.
 */
package dev.longhaul.backend.openai;

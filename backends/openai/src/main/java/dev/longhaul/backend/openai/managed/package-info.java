/**
 * Managed llama-server arms: start a llama.cpp {@code llama-server} binary (or a fork's, for cache types such as
 * TurboQuant's {@code turbo4}) with a given KV cache type on a free loopback port, wait until it is ready, and stop it
 * afterwards. No llama-server endpoint reveals the KV cache type, so the server's start-up log is kept in a file and
 * its cache lines are the evidence of what ran; see {@link dev.longhaul.backend.openai.managed.ManagedLlamaServer}.
 */
package dev.longhaul.backend.openai.managed;

/**
 * The shared HTTP transport of longhaul's server backends (OpenAI-compatible, llama-server, Ollama).
 *
 * <p>{@link dev.longhaul.backend.http.HttpTransport} wraps one {@link java.net.http.HttpClient} per backend (HTTP/1.1,
 * keep-alive connections reused across turns) and adds what every backend needs: a timeout, bounded retries with
 * exponential backoff and jitter for transient failures ({@link dev.longhaul.backend.http.RetryPolicy}), streaming
 * readers for Server-Sent Events and NDJSON ({@link dev.longhaul.backend.http.StreamFormat},
 * {@link dev.longhaul.backend.http.StreamSink}), and the mapping of every failure to a
 * {@link dev.longhaul.backend.BackendException} with a one-line message that never contains the API key.
 */
package dev.longhaul.backend.http;

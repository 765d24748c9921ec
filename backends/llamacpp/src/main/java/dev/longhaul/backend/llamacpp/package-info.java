/**
 * The {@code llamacpp} backend: llama.cpp running in this process through {@code de.kherud:llama}, with the KV
 * cache type applied for real, a bundled test model and prefix reuse between turns. Select it with
 * {@code BackendConfig.builder("llamacpp")}; see {@link dev.longhaul.backend.llamacpp.LlamaCppProvider}.
 */
package dev.longhaul.backend.llamacpp;

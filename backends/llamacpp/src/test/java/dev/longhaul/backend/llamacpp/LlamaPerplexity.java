package dev.longhaul.backend.llamacpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real {@code llama-perplexity} run on a text file: first {@link #base} saves the f16 model's logits
 * ({@code --kl-divergence-base FILE}), then {@link #against} compares a cache type with them
 * ({@code --kl-divergence}) and reads the statistics it prints. Flash attention is on, as in longhaul's arms.
 */
final class LlamaPerplexity {

    private static final Pattern MEAN_KLD = Pattern.compile("Mean +KLD: +([0-9.]+) ± +([0-9.]+)");
    private static final Pattern SAME_TOP = Pattern.compile("Same top p: +([0-9.]+) ± +([0-9.]+) %");

    /**
     * What llama-perplexity printed for one cache type against the base.
     *
     * @param meanKld   {@code Mean KLD}
     * @param meanKldSe its standard error
     * @param sameTop   {@code Same top p}, as a share (0 to 1)
     */
    record Figures(double meanKld, double meanKldSe, double sameTop) {
    }

    private final Path binary;
    private final Path model;
    private final Path text;
    private final int contextSize;
    private final Path work;

    /**
     * @param binary      the llama-perplexity executable
     * @param model       the GGUF model
     * @param text        the text file to score
     * @param contextSize {@code -c}: the chunk size (the second half of each chunk is scored)
     * @param work        where the base logits and the logs go
     */
    LlamaPerplexity(Path binary, Path model, Path text, int contextSize, Path work) {
        this.binary = binary;
        this.model = model;
        this.text = text;
        this.contextSize = contextSize;
        this.work = work;
    }

    /** Saves the f16 logits. */
    void base() throws IOException, InterruptedException {
        run("f16", List.of("--kl-divergence-base", baseFile().toString()), Map.of());
    }

    /**
     * @param kvType      the cache type to compare with the f16 base
     * @param environment extra environment variables for llama-perplexity
     * @return its KL divergence and same-top statistics
     */
    Figures against(String kvType, Map<String, String> environment) throws IOException, InterruptedException {
        String log = "";
        Matcher kld = MEAN_KLD.matcher(log);
        Matcher top = SAME_TOP.matcher(log);
        // llama.cpp prints through a logging thread that can lose its last lines when the process ends on a loaded
        // machine (seen: the table cut after chunk 3 of 4, exit code 0); the figures are then asked for again
        for (int attempt = 0; attempt < 3 && !(kld.find(0) && top.find(0)); attempt++) {
            log = run(kvType, List.of("-ctk", kvType, "-ctv", kvType, "--kl-divergence-base",
                    baseFile().toString(), "--kl-divergence"), environment);
            kld = MEAN_KLD.matcher(log);
            top = SAME_TOP.matcher(log);
        }
        assertTrue(kld.find(0) && top.find(0), "llama-perplexity printed no KL divergence statistics:\n" + log);
        return new Figures(Double.parseDouble(kld.group(1)), Double.parseDouble(kld.group(2)),
                Double.parseDouble(top.group(1)) / 100);
    }

    private Path baseFile() {
        return work.resolve("f16.kld");
    }

    private String run(String name, List<String> extra, Map<String, String> environment)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "-m", model.toString(), "-f", text.toString(),
                "-c", Integer.toString(contextSize), "-fa", "on", "-t", "1"));
        command.addAll(extra);
        Path log = work.resolve("perplexity-" + name + (environment.isEmpty() ? "" : "-env") + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("llama-perplexity took longer than 120 s: " + command);
        }
        String output = Files.readString(log);
        assertEquals(0, process.exitValue(), "llama-perplexity " + command + ":\n" + output);
        return output;
    }
}

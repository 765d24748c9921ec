package dev.longhaul.backend.llamacpp;

import de.kherud.llama.LogLevel;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives llama.cpp's log lines from the binding and writes them to slf4j (logger
 * {@code dev.longhaul.backend.llamacpp.llama}) instead of standard error: the KV cache lines at info, llama.cpp's
 * errors at warn, everything else at debug.
 */
final class NativeLogSink implements BiConsumer<LogLevel, String> {

    static final Logger LOG = LoggerFactory.getLogger("dev.longhaul.backend.llamacpp.llama");

    @Override
    public void accept(LogLevel level, String text) {
        // Called from native threads through JNI: an exception escaping here would be left pending in native code.
        try {
            String line = text == null ? "" : text.strip();
            if (line.isEmpty()) {
                return;
            }
            if (KvCacheReport.isKvCacheLine(line)) {
                LOG.info(line);
            } else if (level == LogLevel.ERROR) {
                LOG.warn(line);
            } else {
                LOG.debug(line);
            }
        } catch (RuntimeException ignored) {
            // nothing sensible to do: logging must never break inference
        }
    }
}

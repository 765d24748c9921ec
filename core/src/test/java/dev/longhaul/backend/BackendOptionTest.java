package dev.longhaul.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackendOptionTest {

    private static final BackendOption<Integer> RETRIES = BackendOption.integer("max_retries", "retries", 0, 20);
    private static final BackendOption<Boolean> STREAM = BackendOption.flag("stream", "whether to stream");
    private static final BackendOption<Duration> CONNECT = BackendOption.millis("connect_timeout_ms", "connect");
    private static final BackendOption<Path> FILE = BackendOption.path("model_file", "the model");

    @Test
    void aTypedOptionIsHeldAsTextAndReadBackTyped() {
        BackendConfig config = BackendConfig.builder("x").option(RETRIES, 5).option(STREAM, false)
                .option(CONNECT, Duration.ofMillis(1500)).option(FILE, Path.of("m.gguf")).build();

        assertEquals(Map.of("max_retries", "5", "stream", "false", "connect_timeout_ms", "1500",
                "model_file", "m.gguf"), config.options());
        assertEquals(Optional.of(5), config.option(RETRIES));
        assertEquals(Optional.of(false), config.option(STREAM));
        assertEquals(Optional.of(Duration.ofMillis(1500)), config.option(CONNECT));
        assertEquals(Optional.of(Path.of("m.gguf")), config.option(FILE));
        assertEquals(Optional.empty(), BackendConfig.builder("x").build().option(RETRIES));
    }

    @Test
    void textFromACommandLineReadsAsTheValueOrSaysWhatItMustBe() {
        assertEquals(Optional.of(true), BackendConfig.builder("x").option("stream", " TRUE ").build().option(STREAM));
        assertEquals("must be a whole number from 0 to 20", assertThrows(IllegalArgumentException.class,
                () -> BackendConfig.builder("x").option("max_retries", "many").build().option(RETRIES)).getMessage());
        assertEquals("must be a whole number from 0 to 20", assertThrows(IllegalArgumentException.class,
                () -> RETRIES.parse("21")).getMessage());
        assertEquals("must be true or false", assertThrows(IllegalArgumentException.class,
                () -> STREAM.parse("yes")).getMessage());
        assertEquals("must be a positive whole number of milliseconds", assertThrows(IllegalArgumentException.class,
                () -> CONNECT.parse("0")).getMessage());
        assertEquals("must be a whole number of at least 1", assertThrows(IllegalArgumentException.class,
                () -> BackendOption.integer("threads", "threads", 1, Integer.MAX_VALUE).parse("0")).getMessage());
    }

    @Test
    void aValueOutOfRangeIsRefusedWhenSetNamingTheOption() {
        assertEquals("option max_retries 25 must be a whole number from 0 to 20", assertThrows(
                IllegalArgumentException.class, () -> BackendConfig.builder("x").option(RETRIES, 25)).getMessage());
    }

    @Test
    void nullLeavesAnOptionUnset() {
        BackendConfig config = BackendConfig.builder("x").option(RETRIES, 5).option(RETRIES, null).build();
        assertEquals(Map.of(), config.options());
    }

    @Test
    void optionNamesAreSnakeCase() {
        assertThrows(IllegalArgumentException.class, () -> BackendOption.text("Max-Retries", "no"));
    }
}

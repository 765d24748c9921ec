package dev.longhaul.backend;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * One setting that one backend module owns — for example {@code LlamaCppOptions.PREFIX_REUSE} — as a typed key:
 * its name (in {@link BackendConfig#options()}, in checkpoints, on the command line as
 * {@code --backend-option NAME=VALUE}), what it means, and how its text reads as a value and a value writes as text.
 *
 * <p>A {@link BackendConfig} keeps options as text, so that a checkpoint, a command line or a study journal carries
 * any backend's options without knowing them; the backend that owns an option reads it back typed with
 * {@link BackendConfig#option(BackendOption)}, and code that knows the backend sets it typed with
 * {@link BackendConfig.Builder#option(BackendOption, Object)}. A new setting of one backend is one more constant in
 * that backend's module, nothing else.
 *
 * @param <T> the value's type
 */
public final class BackendOption<T> {

    private final String name;
    private final String description;
    private final Function<String, T> parse;
    private final Function<? super T, String> format;

    private BackendOption(String name, String description, Function<String, T> parse,
                          Function<? super T, String> format) {
        if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("option name '" + name + "' must be snake_case: a-z, 0-9 and _");
        }
        this.name = name;
        this.description = Objects.requireNonNull(description, "description");
        this.parse = Objects.requireNonNull(parse, "parse");
        this.format = Objects.requireNonNull(format, "format");
    }

    /**
     * An option of any type.
     *
     * @param name        its name, snake_case
     * @param description what it sets, its values and its default, in a sentence
     * @param parse       the value of a text; throws {@link IllegalArgumentException} saying what the text must be
     *                    ({@code "must be true or false"}), without the option's name
     * @param format      the text of a value, such that {@code parse(format(v))} equals {@code v}; throws
     *                    {@link IllegalArgumentException} for a value out of range
     * @param <T>         the value's type
     * @return the option
     * @throws IllegalArgumentException when the name is not snake_case ({@code [a-z][a-z0-9_]*})
     */
    public static <T> BackendOption<T> of(String name, String description, Function<String, T> parse,
                                          Function<? super T, String> format) {
        return new BackendOption<>(name, description, parse, format);
    }

    /**
     * @param name        its name, snake_case
     * @param description what it sets
     * @return an option whose value is its text, stripped; empty text is refused
     */
    public static BackendOption<String> text(String name, String description) {
        return of(name, description, BackendOption::nonEmpty, BackendOption::nonEmpty);
    }

    /**
     * @param name        its name, snake_case
     * @param description what it sets
     * @return an option whose value is a file path
     */
    public static BackendOption<Path> path(String name, String description) {
        return of(name, description, text -> Path.of(nonEmpty(text)), Path::toString);
    }

    /**
     * @param name        its name, snake_case
     * @param description what it sets
     * @return an option whose text is {@code true} or {@code false} (any case)
     */
    public static BackendOption<Boolean> flag(String name, String description) {
        return of(name, description, text -> switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("must be true or false");
        }, String::valueOf);
    }

    /**
     * @param name        its name, snake_case
     * @param description what it sets
     * @param min         the least value
     * @param max         the greatest value ({@link Integer#MAX_VALUE} for none)
     * @return an option whose text is a whole number from {@code min} to {@code max}
     */
    public static BackendOption<Integer> integer(String name, String description, int min, int max) {
        String range = max == Integer.MAX_VALUE ? "must be a whole number of at least " + min
                : "must be a whole number from " + min + " to " + max;
        return of(name, description, text -> {
            int value;
            try {
                value = Integer.parseInt(text.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(range);
            }
            return inRange(value, min, max, range);
        }, value -> String.valueOf(inRange(value, min, max, range)));
    }

    /**
     * @param name        its name, snake_case
     * @param description what it sets
     * @return an option whose text is a positive number of milliseconds
     */
    public static BackendOption<Duration> millis(String name, String description) {
        String positive = "must be a positive whole number of milliseconds";
        return of(name, description, text -> {
            long ms;
            try {
                ms = Long.parseLong(text.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(positive);
            }
            if (ms <= 0) {
                throw new IllegalArgumentException(positive);
            }
            return Duration.ofMillis(ms);
        }, d -> {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(positive);
            }
            return String.valueOf(d.toMillis());
        });
    }

    /** @return the option's name: its key in {@link BackendConfig#options()} */
    public String name() {
        return name;
    }

    /** @return what it sets, its values and its default */
    public String description() {
        return description;
    }

    /**
     * @param text the option's text
     * @return its value
     * @throws IllegalArgumentException saying what the text must be, without the option's name
     */
    public T parse(String text) {
        return parse.apply(Objects.requireNonNull(text, "text"));
    }

    /**
     * @param value a value
     * @return its text
     * @throws IllegalArgumentException when the value is out of range
     */
    public String format(T value) {
        return format.apply(Objects.requireNonNull(value, "value"));
    }

    @Override
    public String toString() {
        return name;
    }

    private static int inRange(int value, int min, int max, String range) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(range);
        }
        return value;
    }

    private static String nonEmpty(String text) {
        String stripped = text.strip();
        if (stripped.isEmpty()) {
            throw new IllegalArgumentException("must not be empty");
        }
        return stripped;
    }
}

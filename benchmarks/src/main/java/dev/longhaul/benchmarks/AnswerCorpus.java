package dev.longhaul.benchmarks;

import dev.longhaul.script.Script;
import dev.longhaul.script.ScriptedTurn;
import dev.longhaul.scoring.TurnInput;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deterministic, realistic coding answers to the seed's prompts: prose that reuses some of the prompt's words,
 * numbered and bulleted lists, Markdown headers, fenced code blocks in Python, Java and TypeScript built from the
 * prompt's identifiers, and a little non-ASCII punctuation, cut to a target size in UTF-8 bytes. The same seed
 * gives the same answers on every JVM, so benchmark figures compare across runs.
 */
final class AnswerCorpus {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{3,}");

    private static final String[] PROSE = {
        "the", "limiter", "request", "bucket", "tokens", "state", "value", "thread", "lock", "method", "returns",
        "handles", "update", "refill", "time", "monotonic", "clock", "elapsed", "capacity", "burst", "rate",
        "configuration", "default", "error", "exception", "caller", "concurrent", "access", "shared", "counter",
        "timestamp", "seconds", "window", "eviction", "entries", "cache", "metrics", "histogram", "export",
        "import", "validation", "schema", "loader", "package", "module", "function", "decorator", "async",
        "await", "coroutine", "test", "fixture", "assert", "mock", "edge", "case", "negative", "zero", "boundary",
        "performance", "latency", "throughput", "memory", "allocation", "design", "interface", "contract",
        "invariant", "simple", "correct", "robust", "explicit", "instead", "because", "when", "while", "after",
        "before", "each", "every", "only", "also", "then", "this", "that", "which", "keeps", "makes", "avoids",
    };

    private static final String[] OPENERS = {
        "Here is an implementation of %s that keeps the behaviour explicit.",
        "Below is a version of %s with the changes you asked for — nothing else moves.",
        "Let's walk through %s step by step and fix what is wrong.",
        "The problem with %s is subtle, so I will explain it before showing the code.",
        "This refactoring of %s keeps the public interface and removes the duplication.",
    };

    private static final String[] BULLETS = {
        "- %s is read once per call, so a concurrent update cannot tear it.",
        "- The lock guards %s and nothing else; waiting happens outside of it.",
        "- %s raises a ValueError with the offending value in the message.",
        "* Tests cover %s at zero, at the boundary and far past it.",
        "- Defaults for %s come from one place → no drift between loader and docs.",
    };

    private AnswerCorpus() {
    }

    /**
     * Answers for the seed's prompts, cycling through them, with sizes spread evenly between the bounds.
     *
     * @param count    how many answers
     * @param minBytes smallest answer in UTF-8 bytes
     * @param maxBytes largest answer in UTF-8 bytes
     * @param seed     the random seed
     * @return prompt and answer per turn
     */
    static List<TurnInput> answers(int count, int minBytes, int maxBytes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<ScriptedTurn> turns = Script.seed().turns(count);
        List<TurnInput> corpus = new ArrayList<>(count);
        for (ScriptedTurn turn : turns) {
            int size = minBytes == maxBytes ? minBytes : random.nextInt(minBytes, maxBytes + 1);
            corpus.add(new TurnInput(turn.turn(), turn.phase(), turn.prompt(), answer(turn.prompt(), size, random)));
        }
        return corpus;
    }

    /** @return the total UTF-8 size of the answers */
    static long utf8Bytes(List<TurnInput> corpus) {
        long total = 0;
        for (TurnInput input : corpus) {
            total += input.response().getBytes(StandardCharsets.UTF_8).length;
        }
        return total;
    }

    /**
     * One answer of exactly {@code targetBytes} UTF-8 bytes (or one less, when a multi-byte character would
     * cross the limit), truncated like an answer cut off by a token limit.
     */
    static String answer(String prompt, int targetBytes, SplittableRandom random) {
        List<String> names = identifiers(prompt);
        StringBuilder text = new StringBuilder(targetBytes + 1024);
        int section = 0;
        // A char is at most as long as its UTF-8 encoding, so this builds at least targetBytes bytes.
        while (text.length() < targetBytes) {
            switch (section++ % 6) {
                case 0 -> opener(text, names, random);
                case 1 -> numberedList(text, names, random);
                case 2 -> pythonBlock(text, names, random);
                case 3 -> bullets(text, names, random);
                case 4 -> prose(text, names, random, 3 + random.nextInt(4));
                default -> braceBlock(text, names, random);
            }
        }
        return truncate(text, targetBytes);
    }

    private static List<String> identifiers(String prompt) {
        List<String> names = new ArrayList<>();
        Matcher m = IDENTIFIER.matcher(prompt);
        while (m.find()) {
            names.add(m.group());
        }
        if (names.isEmpty()) {
            names.add("handler");
        }
        return names;
    }

    private static String pick(String[] words, SplittableRandom random) {
        return words[random.nextInt(words.length)];
    }

    private static String pick(List<String> names, SplittableRandom random) {
        return names.get(random.nextInt(names.size()));
    }

    private static void opener(StringBuilder text, List<String> names, SplittableRandom random) {
        text.append(String.format(pick(OPENERS, random), pick(names, random))).append("\n\n");
        if (random.nextInt(3) == 0) {
            text.append("## ").append(capitalise(pick(names, random))).append("\n\n");
        }
    }

    private static void numberedList(StringBuilder text, List<String> names, SplittableRandom random) {
        int items = 2 + random.nextInt(4);
        for (int i = 1; i <= items; i++) {
            text.append(i).append(". ");
            sentence(text, names, random);
            text.append('\n');
        }
        text.append('\n');
    }

    private static void bullets(StringBuilder text, List<String> names, SplittableRandom random) {
        int items = 2 + random.nextInt(3);
        for (int i = 0; i < items; i++) {
            text.append(String.format(pick(BULLETS, random), "`" + pick(names, random) + "`")).append('\n');
        }
        text.append('\n');
    }

    private static void prose(StringBuilder text, List<String> names, SplittableRandom random, int sentences) {
        for (int i = 0; i < sentences; i++) {
            sentence(text, names, random);
            text.append(' ');
        }
        text.append("\n\n");
    }

    private static void sentence(StringBuilder text, List<String> names, SplittableRandom random) {
        int words = 6 + random.nextInt(14);
        for (int w = 0; w < words; w++) {
            String word = random.nextInt(5) == 0 ? pick(names, random) : pick(PROSE, random);
            text.append(w == 0 ? capitalise(word) : word);
            text.append(w == words - 1 ? "" : random.nextInt(12) == 0 ? ", " : " ");
        }
        text.append(random.nextInt(8) == 0 ? "?" : ".");
    }

    private static void pythonBlock(StringBuilder text, List<String> names, SplittableRandom random) {
        String cls = className(pick(names, random));
        text.append("```python\nimport threading\nimport time\nfrom typing import Optional\n\n\n");
        text.append("class ").append(cls).append(":\n");
        text.append("    \"\"\"").append(capitalise(pick(PROSE, random))).append(" ")
                .append(pick(names, random)).append(" safely.\"\"\"\n\n");
        text.append("    def __init__(self, rate: float, burst: int) -> None:\n");
        text.append("        self._rate = rate\n        self._burst = burst\n");
        text.append("        self._tokens = float(burst)\n        self._lock = threading.Lock()\n");
        text.append("        self._updated = time.monotonic()\n\n");
        int methods = 2 + random.nextInt(4);
        for (int i = 0; i < methods; i++) {
            String method = snake(pick(names, random));
            text.append("    def ").append(method).append("(self, n: int = 1) -> Optional[float]:\n");
            text.append("        if n <= 0:\n            raise ValueError(f\"n must be positive, got {n}\")\n");
            text.append("        with self._lock:\n            now = time.monotonic()\n");
            text.append("            self._tokens = min(self._burst, self._tokens + (now - self._updated) * self._rate)\n");
            text.append("            self._updated = now\n");
            text.append("            for _ in range(n):\n                if self._tokens < 1:\n");
            text.append("                    return (1 - self._tokens) / self._rate\n");
            text.append("                self._tokens -= 1\n");
            text.append("        return None\n\n");
        }
        text.append("```\n\n");
    }

    private static void braceBlock(StringBuilder text, List<String> names, SplittableRandom random) {
        String cls = className(pick(names, random));
        String field = camel(pick(names, random));
        if (random.nextBoolean()) {
            text.append("```java\npublic final class ").append(cls).append(" {\n");
            text.append("    private final Map<String, Long> ").append(field).append(" = new HashMap<>();\n\n");
            text.append("    public synchronized long ").append(field).append("(String key) {\n");
            text.append("        for (int i = 0; i < 3; i++) {\n");
            text.append("            if (").append(field).append(".containsKey(key)) {\n");
            text.append("                return ").append(field).append(".get(key);\n            }\n        }\n");
            text.append("        return 0L;\n    }\n}\n```\n\n");
        } else {
            text.append("```typescript\nexport const ").append(field).append(" = async (key: string) => {\n");
            text.append("  const started = Date.now();\n");
            text.append("  while (Date.now() - started < 1000) {\n");
            text.append("    if (await tryAcquire(key)) { return true; }\n  }\n");
            text.append("  return false; // gave up after 1 s — the caller retries\n};\n```\n\n");
        }
    }

    private static String truncate(StringBuilder text, int targetBytes) {
        int bytes = 0;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > targetBytes) {
                break;
            }
            bytes += size;
            i += Character.charCount(cp);
        }
        return text.substring(0, i);
    }

    private static String capitalise(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private static String className(String name) {
        StringBuilder b = new StringBuilder();
        for (String part : name.split("_")) {
            if (!part.isEmpty()) {
                b.append(capitalise(part));
            }
        }
        return b.length() == 0 ? "Handler" : b.toString();
    }

    private static String snake(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static String camel(String name) {
        String cls = className(snake(name));
        return Character.toLowerCase(cls.charAt(0)) + cls.substring(1);
    }
}

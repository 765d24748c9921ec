package dev.longhaul.cli.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deterministic answer of the test servers: a pure function of a chat request's messages, shaped like a coding
 * answer (header, code block, numbered list) that echoes words of the last user message and counts the messages.
 * The same conversation always gets the same answer, so an interrupted-and-resumed run can be compared with an
 * uninterrupted one; different turns get different answers (and scores).
 *
 * @param text             the answer
 * @param promptTokens     words in all messages, reported as {@code prompt_tokens}
 * @param completionTokens words in the answer, reported as {@code completion_tokens}
 */
record ChatAnswer(String text, int promptTokens, int completionTokens) {

    /** One message of the conversation. */
    record Message(String role, String content) {
    }

    private static final Pattern WORD = Pattern.compile("[A-Za-z_]{3,}");

    static ChatAnswer to(List<Message> messages) {
        String last = "";
        for (Message m : messages) {
            if (m.role().equals("user")) {
                last = m.content();
            }
        }
        List<String> words = words(last);
        int n = messages.size();
        String name = String.join("_", words.subList(0, Math.min(3, words.size())));
        StringBuilder text = new StringBuilder()
                .append("## Answer to message ").append(n).append(": ").append(name.isEmpty() ? "nothing" : name)
                .append("\n\n```python\ndef ").append(name.isEmpty() ? "answer" : name).append("(history):\n");
        for (int i = 0; i < Math.min(words.size(), 2 + n % 5); i++) {
            text.append("    ").append(words.get(i)).append(" = len(history) + ").append(i).append('\n');
        }
        text.append("    return ").append(n).append("\n```\n\n");
        for (int i = 0; i < Math.min(words.size(), 1 + n % 4); i++) {
            text.append(i + 1).append(". `").append(words.get(words.size() - 1 - i)).append("` is handled\n");
        }
        int promptTokens = messages.stream().mapToInt(m -> count(m.content())).sum();
        String answer = text.toString();
        return new ChatAnswer(answer, promptTokens, count(answer));
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            words.add(m.group().toLowerCase(Locale.ROOT));
        }
        return words;
    }

    private static int count(String text) {
        String t = text.strip();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }
}

package dev.longhaul.script;

import java.util.regex.Pattern;

/**
 * When an expected answer counts as given: it occurs in the text ignoring case (Unicode case folding), any run of
 * whitespace inside the answer matches any run of whitespace in the text, and where the answer starts or ends with
 * a letter, digit or underscore, the text has none of those right before or after it — so {@code TokenBucketPro}
 * is found in {@code "use `TokenBucketPro`."} and {@code "tokenbucketpro's rate"} but not in
 * {@code "TokenBucketPros"}, and {@code 7431} is not found in {@code 74310}.
 */
public final class AnswerMatch {

    private static final String WORD_CHAR = "[\\p{L}\\p{N}_]";
    private static final Pattern ONE_WORD_CHAR = Pattern.compile(WORD_CHAR);

    private AnswerMatch() {
    }

    /**
     * @param text   the text searched, e.g. a response
     * @param answer the expected answer; not blank
     * @return whether the answer occurs in the text
     */
    public static boolean occursIn(String text, String answer) {
        return pattern(answer).matcher(text).find();
    }

    private static Pattern pattern(String answer) {
        String trimmed = answer.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("an expected answer must not be blank");
        }
        StringBuilder regex = new StringBuilder();
        if (isWordChar(trimmed.codePointAt(0))) {
            regex.append("(?<!").append(WORD_CHAR).append(')');
        }
        String[] words = trimmed.split("\\s+");
        for (int i = 0; i < words.length; i++) {
            regex.append(i == 0 ? "" : "\\s+").append(Pattern.quote(words[i]));
        }
        if (isWordChar(trimmed.codePointBefore(trimmed.length()))) {
            regex.append("(?!").append(WORD_CHAR).append(')');
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    private static boolean isWordChar(int codePoint) {
        return ONE_WORD_CHAR.matcher(Character.toString(codePoint)).matches();
    }
}

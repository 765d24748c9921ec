package dev.longhaul.scoring;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Unicode character properties that Python 3.11's {@code re} and {@code str} apply in the seed's metrics:
 * {@code \w}, {@code \d}, {@code \s} (which is also the {@code str.strip()} set), the cased and case-ignorable
 * classes behind {@code str.lower()}'s final-sigma rule, and {@code str.lower()}'s per-character mapping.
 *
 * <p>The tables come from {@code python-unicode.txt}, generated from live Python behaviour for every code point
 * (its header says how). They are used instead of {@link Character} because the JDK's Unicode version and
 * definitions differ from Python's: JDK 17 has Unicode 13, Python 3.11 Unicode 14, Python's {@code \w} includes
 * every numeric character, and {@code Character} has no case-ignorable property. Embedding the tables also keeps
 * scores identical on every JVM, which re-scoring saved responses relies on.
 */
final class PythonUnicode {

    private static final String RESOURCE = "python-unicode.txt";
    private static final int PAGE_BITS = 8;
    private static final int PAGE_SIZE = 1 << PAGE_BITS;

    private static final String VERSION;
    private static final CodePointSet WORD;
    private static final CodePointSet DECIMAL;
    private static final CodePointSet SPACE;
    private static final CodePointSet CASED;
    private static final CodePointSet CASE_IGNORABLE;
    /** Per 256-code-point page, null when no code point in it changes; 0 = unchanged, >0 = the lowercase code
     *  point, <0 = -(index + 1) into {@link #LOWER_EXPANSIONS}. */
    private static final int[][] LOWER_PAGES = new int[(Character.MAX_CODE_POINT + 1) >> PAGE_BITS][];
    private static final int[][] LOWER_EXPANSIONS;

    static {
        Map<String, List<int[]>> ranges = new HashMap<>();
        List<int[]> expansions = new ArrayList<>();
        String version = null;
        try (InputStream in = PythonUnicode.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split(" ");
                if (fields[0].equals("version")) {
                    version = line.substring("version ".length());
                } else if (fields[0].equals("lower")) {
                    for (int i = 1; i < fields.length; i++) {
                        addLowerMapping(fields[i], expansions);
                    }
                } else {
                    List<int[]> list = ranges.computeIfAbsent(fields[0], k -> new ArrayList<>());
                    for (int i = 1; i < fields.length; i++) {
                        list.add(parseRange(fields[i]));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        VERSION = version;
        WORD = toSet(ranges, "word");
        DECIMAL = toSet(ranges, "decimal");
        SPACE = toSet(ranges, "space");
        CASED = toSet(ranges, "cased");
        CASE_IGNORABLE = toSet(ranges, "case_ignorable");
        LOWER_EXPANSIONS = expansions.toArray(new int[0][]);
    }

    private PythonUnicode() {
    }

    /** @return the Python and Unicode versions of the tables, e.g. {@code python=3.11.7 unicode=14.0.0} */
    static String version() {
        return VERSION;
    }

    /** @return whether {@code re}'s {@code \w} matches the code point ({@code str.isalnum()} or {@code _}) */
    static boolean isWord(int cp) {
        return WORD.contains(cp);
    }

    /** @return whether {@code re}'s {@code \d} matches the code point (a Unicode decimal digit) */
    static boolean isDecimal(int cp) {
        return DECIMAL.contains(cp);
    }

    /** @return whether {@code re}'s {@code \s} matches the code point, the same set {@code str.strip()} removes */
    static boolean isSpace(int cp) {
        return SPACE.contains(cp);
    }

    /** @return whether the code point is cased for the final-sigma rule (never true for a case-ignorable one) */
    static boolean isCased(int cp) {
        return CASED.contains(cp);
    }

    /** @return whether the final-sigma rule skips over the code point */
    static boolean isCaseIgnorable(int cp) {
        return CASE_IGNORABLE.contains(cp);
    }

    /** @return whether {@code str.lower()} leaves the code point as it is (ignoring the final-sigma rule) */
    static boolean lowerIsIdentity(int cp) {
        int[] page = LOWER_PAGES[cp >> PAGE_BITS];
        return page == null || page[cp & (PAGE_SIZE - 1)] == 0;
    }

    /**
     * @return the code point {@code str.lower()} makes of this one, ignoring the final-sigma rule, or -1 when it
     *         becomes several code points (see {@link #lowerExpansion(int)})
     */
    static int lowerSingle(int cp) {
        int[] page = LOWER_PAGES[cp >> PAGE_BITS];
        int mapped = page == null ? 0 : page[cp & (PAGE_SIZE - 1)];
        return mapped == 0 ? cp : mapped > 0 ? mapped : -1;
    }

    /** @return the code points {@code str.lower()} makes of one for which {@link #lowerSingle(int)} is -1 */
    static int[] lowerExpansion(int cp) {
        int mapped = LOWER_PAGES[cp >> PAGE_BITS][cp & (PAGE_SIZE - 1)];
        return LOWER_EXPANSIONS[-mapped - 1].clone();
    }

    private static void addLowerMapping(String field, List<int[]> expansions) {
        int colon = field.indexOf(':');
        int cp = Integer.parseInt(field.substring(0, colon), 16);
        String[] targets = field.substring(colon + 1).split(",");
        int value;
        if (targets.length == 1) {
            value = Integer.parseInt(targets[0], 16);
        } else {
            int[] expansion = new int[targets.length];
            for (int i = 0; i < targets.length; i++) {
                expansion[i] = Integer.parseInt(targets[i], 16);
            }
            expansions.add(expansion);
            value = -expansions.size();
        }
        int[] page = LOWER_PAGES[cp >> PAGE_BITS];
        if (page == null) {
            page = new int[PAGE_SIZE];
            LOWER_PAGES[cp >> PAGE_BITS] = page;
        }
        page[cp & (PAGE_SIZE - 1)] = value;
    }

    private static int[] parseRange(String field) {
        int dash = field.indexOf('-');
        if (dash < 0) {
            int cp = Integer.parseInt(field, 16);
            return new int[] {cp, cp};
        }
        return new int[] {Integer.parseInt(field.substring(0, dash), 16),
                Integer.parseInt(field.substring(dash + 1), 16)};
    }

    private static CodePointSet toSet(Map<String, List<int[]>> ranges, String name) {
        List<int[]> list = ranges.get(name);
        if (list == null) {
            throw new IllegalStateException(RESOURCE + " has no '" + name + "' table");
        }
        int[] starts = new int[list.size()];
        int[] ends = new int[list.size()];
        for (int i = 0; i < list.size(); i++) {
            starts[i] = list.get(i)[0];
            ends[i] = list.get(i)[1];
        }
        return new CodePointSet(starts, ends);
    }
}

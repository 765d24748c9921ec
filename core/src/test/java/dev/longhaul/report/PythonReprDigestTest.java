package dev.longhaul.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link PythonFormat#repr(double)} against Python 3.11's {@code repr} on 10⁶ doubles ({@link PythonReprDoubles}),
 * without Python: {@code parity/python-repr/python_repr_digest.py} wrote the SHA-256 of Python's reprs (all of
 * them, and per block of 10,000) and a sample of every 257th one. A mismatch names the first differing block and
 * the first differing sampled index.
 */
class PythonReprDigestTest {

    private static final String DIR = "/parity/python-repr/";
    private static final int BLOCK = 10_000;
    private static final String PRINT_COMMAND =
            "python3 core/src/test/resources/parity/python-repr/python_repr_digest.py print %d %d";

    private record Sample(long bits, String repr) {
    }

    @Test
    void reprOfAMillionDoublesMatchesPython() throws IOException {
        Map<String, String> digests = digests();
        Map<Integer, Sample> samples = samples();
        MessageDigest all = sha256();
        MessageDigest block = sha256();
        List<String> blockDigests = new ArrayList<>();
        String firstSampleMismatch = null;
        PythonReprDoubles doubles = new PythonReprDoubles();
        for (int index = 0; doubles.hasNext(); index++) {
            long bits = doubles.nextBits();
            String repr = PythonFormat.repr(Double.longBitsToDouble(bits));
            byte[] line = (repr + "\n").getBytes(StandardCharsets.US_ASCII);
            all.update(line);
            block.update(line);
            Sample sample = samples.get(index);
            if (sample != null) {
                assertEquals(Long.toHexString(sample.bits()), Long.toHexString(bits),
                        "the test's doubles are the script's (index " + index + ")");
                if (firstSampleMismatch == null && !sample.repr().equals(repr)) {
                    firstSampleMismatch = "index %d (bits %016x): Python %s, ours %s"
                            .formatted(index, bits, sample.repr(), repr);
                }
            }
            if ((index + 1) % BLOCK == 0) {
                blockDigests.add(HexFormat.of().formatHex(block.digest()));
            }
        }
        if (!HexFormat.of().formatHex(all.digest()).equals(digests.get("all"))) {
            fail("repr differs from Python's on the 10^6 doubles; " + firstDifferingBlock(digests, blockDigests)
                    + "; first sampled index that differs: "
                    + (firstSampleMismatch == null ? "none" : firstSampleMismatch));
        }
        assertNull(firstSampleMismatch, "sampled reprs agree whenever the digest does");
    }

    private static String firstDifferingBlock(Map<String, String> digests, List<String> blockDigests) {
        for (int number = 0; number < blockDigests.size(); number++) {
            int start = number * BLOCK;
            if (!blockDigests.get(number).equals(digests.get(Integer.toString(start)))) {
                return "first differing block: indices %d to %d (%s prints Python's)"
                        .formatted(start, start + BLOCK - 1, PRINT_COMMAND.formatted(start, start + BLOCK));
            }
        }
        return "no block differs";
    }

    /** digests.tsv: "all" and each block's first index, to the SHA-256 of its reprs. */
    private static Map<String, String> digests() throws IOException {
        Map<String, String> digests = new HashMap<>();
        for (String[] fields : rows("digests.tsv")) {
            digests.put(fields[0], fields[1]);
        }
        assertTrue(digests.containsKey("all") && digests.size() == 1 + PythonReprDoubles.COUNT / BLOCK,
                "digests.tsv holds the digest of all reprs and of every block");
        return digests;
    }

    /** sample.tsv: index, bits in hex and Python's repr. */
    private static Map<Integer, Sample> samples() throws IOException {
        Map<Integer, Sample> samples = new HashMap<>();
        for (String[] fields : rows("sample.tsv")) {
            samples.put(Integer.parseInt(fields[0]), new Sample(Long.parseUnsignedLong(fields[1], 16), fields[2]));
        }
        assertTrue(samples.size() > 3000, "sample.tsv loaded");
        return samples;
    }

    private static List<String[]> rows(String name) throws IOException {
        try (InputStream in = PythonReprDigestTest.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + DIR + name);
            }
            List<String[]> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    rows.add(line.split("\t"));
                }
            }
            return rows;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}

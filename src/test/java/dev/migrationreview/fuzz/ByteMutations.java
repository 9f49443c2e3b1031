package dev.migrationreview.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Random edits of real input at the byte level: cut, delete, duplicate, swap, splice. */
public final class ByteMutations {

    /** Byte sequences no UTF-8 decoder accepts: a stray continuation, a cut-off sequence, a surrogate, overlong forms. */
    public static final List<byte[]> INVALID_UTF8 = List.of(
            bytes(0x80), bytes(0xFF), bytes(0xC3), bytes(0xE2, 0x82), bytes(0xED, 0xA0, 0x80), bytes(0xC0, 0x80),
            bytes(0xE0, 0x80, 0xAF), bytes(0xF4, 0x90, 0x80, 0x80), bytes(0xF8, 0x88, 0x80, 0x80, 0x80));

    private ByteMutations() {}

    public static byte[] bytes(int... values) {
        byte[] result = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (byte) values[i];
        }
        return result;
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The first bytes of {@code data}, cut at a random offset (possibly inside a multi-byte character). */
    public static byte[] truncate(byte[] data, Random random) {
        return data.length == 0 ? data : Arrays.copyOf(data, random.nextInt(data.length));
    }

    /**
     * {@code rounds} random edits: a range deleted, duplicated elsewhere or swapped with another,
     * a snippet spliced in, bytes overwritten, invalid UTF-8 spliced in.
     */
    public static byte[] mutate(byte[] data, Random random, int rounds, List<byte[]> snippets) {
        byte[] result = data;
        for (int round = 0; round < rounds; round++) {
            result = switch (random.nextInt(6)) {
                case 0 -> deleteRange(result, random);
                case 1 -> duplicateRange(result, random);
                case 2 -> swapRanges(result, random);
                case 3 -> insert(result, random.nextInt(result.length + 1), snippets.get(random.nextInt(snippets.size())));
                case 4 -> overwrite(result, random);
                default -> insert(result, random.nextInt(result.length + 1), INVALID_UTF8.get(random.nextInt(INVALID_UTF8.size())));
            };
        }
        return result;
    }

    public static byte[] insert(byte[] data, int at, byte[] inserted) {
        byte[] result = new byte[data.length + inserted.length];
        System.arraycopy(data, 0, result, 0, at);
        System.arraycopy(inserted, 0, result, at, inserted.length);
        System.arraycopy(data, at, result, at + inserted.length, data.length - at);
        return result;
    }

    /** {@code unit} repeated until the result holds at least {@code size} bytes. */
    public static byte[] repeat(byte[] unit, int size) {
        var out = new ByteArrayOutputStream(size + unit.length);
        while (out.size() < size) {
            out.writeBytes(unit);
        }
        return out.toByteArray();
    }

    /** Mostly short ranges, now and then a long one: most bugs sit at small edits, some only show at large ones. */
    private static int rangeLength(byte[] data, Random random) {
        int cap = random.nextInt(8) == 0 ? data.length : Math.min(data.length, 64);
        return cap == 0 ? 0 : 1 + random.nextInt(cap);
    }

    private static byte[] deleteRange(byte[] data, Random random) {
        if (data.length == 0) {
            return data;
        }
        int length = rangeLength(data, random);
        int from = random.nextInt(data.length - length + 1);
        byte[] result = new byte[data.length - length];
        System.arraycopy(data, 0, result, 0, from);
        System.arraycopy(data, from + length, result, from, data.length - from - length);
        return result;
    }

    private static byte[] duplicateRange(byte[] data, Random random) {
        if (data.length == 0) {
            return data;
        }
        int length = rangeLength(data, random);
        int from = random.nextInt(data.length - length + 1);
        return insert(data, random.nextInt(data.length + 1), Arrays.copyOfRange(data, from, from + length));
    }

    private static byte[] swapRanges(byte[] data, Random random) {
        if (data.length < 2) {
            return data;
        }
        int cut1 = random.nextInt(data.length);
        int cut2 = cut1 + random.nextInt(data.length - cut1);
        int cut3 = cut2 + random.nextInt(data.length - cut2 + 1);
        // [0, cut1) [cut1, cut2) [cut2, cut3) [cut3, end) becomes [0, cut1) [cut2, cut3) [cut1, cut2) [cut3, end)
        var out = new ByteArrayOutputStream(data.length);
        out.write(data, 0, cut1);
        out.write(data, cut2, cut3 - cut2);
        out.write(data, cut1, cut2 - cut1);
        out.write(data, cut3, data.length - cut3);
        return out.toByteArray();
    }

    private static byte[] overwrite(byte[] data, Random random) {
        byte[] result = data.clone();
        for (int i = 0, n = 1 + random.nextInt(8); i < n && result.length > 0; i++) {
            result[random.nextInt(result.length)] = (byte) random.nextInt(256);
        }
        return result;
    }
}

package dev.migrationreview.github;

import java.nio.charset.StandardCharsets;

/** Fitting text into GitHub's field limits (counted in UTF-8 bytes, which is never less than characters). */
final class TextLimits {

    /** Check run summary and text, comment bodies. */
    static final int OUTPUT_LIMIT = 65_535;
    /** Annotation message and raw details. */
    static final int ANNOTATION_LIMIT = 64 * 1024 - 1;
    static final int ANNOTATION_TITLE_LIMIT = 255;

    private TextLimits() {}

    /**
     * {@code text} when it fits in {@code limit} bytes; otherwise its longest prefix that ends at a
     * line break (or a character) and leaves room for {@code note}, followed by {@code note}.
     */
    static String cut(String text, int limit, String note) {
        if (utf8Length(text) <= limit) {
            return text;
        }
        int room = limit - utf8Length(note);
        if (room <= 0) {
            return prefixWithin(note, limit);
        }
        String prefix = prefixWithin(text, room);
        int lineEnd = prefix.lastIndexOf('\n');
        if (lineEnd > prefix.length() / 2) {
            prefix = prefix.substring(0, lineEnd + 1);
        }
        return prefix + note;
    }

    /** The longest prefix of {@code text} (whole code points) of at most {@code limit} UTF-8 bytes. */
    static String prefixWithin(String text, int limit) {
        int bytes = 0;
        int i = 0;
        while (i < text.length()) {
            int codePoint = text.codePointAt(i);
            int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (bytes + size > limit) {
                break;
            }
            bytes += size;
            i += Character.charCount(codePoint);
        }
        return text.substring(0, i);
    }

    static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}

package dev.migrationreview.discovery;

import java.nio.charset.StandardCharsets;

/**
 * The start of a file decoded for sniffing markers ({@code -- +goose Up}, {@code class Migration}).
 * Only a bounded prefix is decoded, so a huge or binary file costs little and never fails:
 * malformed UTF-8 becomes replacement characters.
 *
 * @param binary whether the file looks binary (a NUL byte near the start)
 */
record FileText(String text, boolean binary) {

    static final int SNIFF_LIMIT = 1 << 20;
    private static final int BINARY_PROBE = 8192;

    static FileText of(byte[] content) {
        int probe = Math.min(content.length, BINARY_PROBE);
        for (int i = 0; i < probe; i++) {
            if (content[i] == 0) {
                return new FileText("", true);
            }
        }
        String text = new String(content, 0, Math.min(content.length, SNIFF_LIMIT), StandardCharsets.UTF_8);
        return new FileText(text.startsWith("\uFEFF") ? text.substring(1) : text, false);
    }

    boolean contains(String marker) {
        return text.contains(marker);
    }

    /** The first line that is not blank, stripped; {@code ""} if there is none. */
    String firstNonBlankLine() {
        int i = 0;
        while (i < text.length()) {
            int end = text.indexOf('\n', i);
            String line = (end < 0 ? text.substring(i) : text.substring(i, end)).strip();
            if (!line.isEmpty()) {
                return line;
            }
            if (end < 0) {
                break;
            }
            i = end + 1;
        }
        return "";
    }
}

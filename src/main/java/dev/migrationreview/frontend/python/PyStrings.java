package dev.migrationreview.frontend.python;

import java.util.Locale;

/** Decodes a Python string literal token (prefix, quotes, escapes) into its value. */
final class PyStrings {

    private PyStrings() {}

    record Decoded(String value, boolean formatted, boolean bytes) {}

    static Decoded decode(String token) {
        int quoteAt = 0;
        while (quoteAt < token.length() && token.charAt(quoteAt) != '\'' && token.charAt(quoteAt) != '"') {
            quoteAt++;
        }
        String prefix = token.substring(0, quoteAt).toLowerCase(Locale.ROOT);
        char quote = token.charAt(quoteAt);
        int quoteLength = token.startsWith(String.valueOf(quote).repeat(3), quoteAt) && token.length() - quoteAt >= 6 ? 3 : 1;
        String body = token.substring(quoteAt + quoteLength, token.length() - quoteLength).replace("\r\n", "\n");
        boolean raw = prefix.contains("r");
        String value = raw ? body : unescape(body);
        return new Decoded(value, prefix.contains("f") || prefix.contains("t"), prefix.contains("b"));
    }

    private static String unescape(String body) {
        var out = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\' || i + 1 >= body.length()) {
                out.append(c);
                continue;
            }
            char e = body.charAt(++i);
            switch (e) {
                case '\n' -> { }
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case '\\', '\'', '"' -> out.append(e);
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'v' -> out.append('\u000b');
                case 'x' -> i = appendCode(body, i + 1, 2, out) - 1;
                case 'u' -> i = appendCode(body, i + 1, 4, out) - 1;
                case 'U' -> i = appendCode(body, i + 1, 8, out) - 1;
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    int end = i;
                    while (end < body.length() && end < i + 3 && body.charAt(end) >= '0' && body.charAt(end) <= '7') {
                        end++;
                    }
                    out.appendCodePoint(Integer.parseInt(body.substring(i, end), 8));
                    i = end - 1;
                }
                default -> out.append('\\').append(e);
            }
        }
        return out.toString();
    }

    /** Appends the code point of {@code digits} hex digits at {@code from}; returns the index after them. */
    private static int appendCode(String body, int from, int digits, StringBuilder out) {
        int end = Math.min(body.length(), from + digits);
        try {
            out.appendCodePoint(Integer.parseInt(body.substring(from, end), 16));
        } catch (IllegalArgumentException e) {
            out.append(body, from - 2, end);
        }
        return end;
    }
}

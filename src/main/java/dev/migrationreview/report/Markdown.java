package dev.migrationreview.report;

/** Escaping for text placed into GitHub-flavoured Markdown. */
public final class Markdown {

    private Markdown() {}

    /** Inline code that survives backticks inside the text. */
    public static String code(String text) {
        String fence = "`".repeat(longestRun(text, '`') + 1);
        String padded = text.startsWith("`") || text.endsWith("`") ? " " + text + " " : text;
        return fence + padded + fence;
    }

    /** A fenced block whose fence is longer than any backtick run in the code. */
    static String block(String language, String code) {
        String fence = "`".repeat(Math.max(3, longestRun(code, '`') + 1));
        return fence + language + "\n" + code.strip() + "\n" + fence + "\n";
    }

    /** Text in a table cell: pipes escaped, line breaks folded. */
    static String cell(String text) {
        return text.replace("|", "\\|").replace("\r", "").replace("\n", " ");
    }

    /**
     * Prose from a migration or rule: outside `code spans`, HTML-like text is escaped so it cannot
     * open tags or hidden comments (inside them GitHub shows it literally already).
     */
    public static String text(String text) {
        var out = new StringBuilder(text.length());
        boolean inCode = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '`') {
                inCode = !inCode;
            }
            if (inCode || (c != '&' && c != '<' && c != '>')) {
                out.append(c);
            } else {
                out.append(c == '&' ? "&amp;" : c == '<' ? "&lt;" : "&gt;");
            }
        }
        return out.toString();
    }

    private static int longestRun(String text, char c) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == c ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }
}

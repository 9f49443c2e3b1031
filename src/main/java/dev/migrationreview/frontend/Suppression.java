package dev.migrationreview.frontend;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A {@code -- migration-review:ignore <rule-id> <reason>} comment (or {@code ignore-file}).
 * A line suppression applies to the first statement starting after {@code line}.
 */
public record Suppression(String ruleId, Optional<String> reason, int line, boolean wholeFile) {

    private static final Pattern DIRECTIVE =
            Pattern.compile("^\\s*migration-review:(ignore|ignore-file)\\s+([A-Za-z0-9_.-]+)(?:\\s+(.*?))?\\s*$", Pattern.DOTALL);

    /**
     * Reads the body of a comment in any syntax (the text inside {@code <!-- -->}, after {@code #} or
     * {@code --}); empty when the comment is not a suppression.
     */
    public static Optional<Suppression> fromComment(String body, int line) {
        var matcher = DIRECTIVE.matcher(body);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String reason = matcher.group(3) == null ? "" : matcher.group(3).strip().replaceAll("\\s+", " ");
        return Optional.of(new Suppression(matcher.group(2), reason.isEmpty() ? Optional.empty() : Optional.of(reason),
                line, matcher.group(1).equals("ignore-file")));
    }
}

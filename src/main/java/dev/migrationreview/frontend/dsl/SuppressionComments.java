package dev.migrationreview.frontend.dsl;

import dev.migrationreview.frontend.Suppression;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads {@code migration-review:ignore <rule-id> <reason>} and {@code migration-review:ignore-file ...}
 * from the text of a comment in a Ruby or Python migration (after its {@code #}).
 */
public final class SuppressionComments {

    private static final Pattern DIRECTIVE = Pattern.compile(
            "^migration-review:(ignore|ignore-file)\\s+(\\S+)(?:\\s+(.*\\S))?\\s*$");

    private SuppressionComments() {}

    public static Optional<Suppression> parse(String commentText, int line) {
        var m = DIRECTIVE.matcher(commentText.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Suppression(m.group(2), Optional.ofNullable(m.group(3)), line,
                m.group(1).equals("ignore-file")));
    }
}

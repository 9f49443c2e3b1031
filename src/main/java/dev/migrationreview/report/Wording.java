package dev.migrationreview.report;

import dev.migrationreview.review.ReviewResult;
import dev.migrationreview.rule.Severity;
import java.util.ArrayList;
import java.util.Locale;

/** Phrases several renderers share, so every format counts and names things the same way. */
final class Wording {

    private Wording() {}

    static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    /** "2 errors, 1 warning" or "no findings". */
    static String findingCounts(ReviewResult result) {
        var parts = new ArrayList<String>();
        for (Severity severity : new Severity[] {Severity.ERROR, Severity.WARNING, Severity.NOTICE}) {
            long count = result.count(severity);
            if (count > 0) {
                parts.add(plural(count, severity.label()));
            }
        }
        return parts.isEmpty() ? "no findings" : String.join(", ", parts);
    }

    /** A stable machine name: GOLANG_MIGRATE becomes golang-migrate. */
    static String id(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

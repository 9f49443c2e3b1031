package dev.migrationreview.report;

/** One line that says what a review found, for titles (a check run's, a page's). */
public final class Headline {

    private Headline() {}

    /** "2 errors, 1 warning in 3 migration files", "No findings in 1 migration file" or "No migrations changed". */
    public static String of(ReviewReport report) {
        var result = report.result();
        if (result.files().isEmpty()) {
            return "No migrations changed";
        }
        String counts = Wording.findingCounts(result);
        return Character.toUpperCase(counts.charAt(0)) + counts.substring(1) + " in "
                + Wording.plural(result.files().size(), "migration file");
    }

    public static String plural(long count, String noun) {
        return Wording.plural(count, noun);
    }
}

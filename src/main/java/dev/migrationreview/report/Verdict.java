package dev.migrationreview.report;

/**
 * The decision a report shows. It is taken before rendering (by the command line's
 * {@code --fail-on}, by the App's policy); renderers only display it.
 *
 * @param reason one sentence on why, e.g. "2 findings at or above error"
 */
public record Verdict(Outcome outcome, String reason) {

    public enum Outcome { PASS, FAIL }

    public boolean failed() {
        return outcome == Outcome.FAIL;
    }
}

package dev.migrationreview.cli;

/** What the process tells its caller (CI steps branch on these). */
final class ExitCodes {

    static final int CLEAN = 0;
    static final int FINDINGS = 1;
    static final int USAGE_OR_ERROR = 2;

    private ExitCodes() {}
}

package dev.migrationreview.cli;

/** A mistake in what the user asked for (a missing file, conflicting options): printed as is, exit 2. */
final class UserError extends RuntimeException {

    UserError(String message) {
        super(message);
    }
}

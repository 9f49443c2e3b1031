package dev.migrationreview.inbox;

/** Failures a handler reports when plain retry-with-backoff is not the right answer. */
public sealed abstract class WorkFailure extends Exception {

    private WorkFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** Retrying cannot help (the repository is gone, the request is invalid): park now with the reason. */
    public static final class Permanent extends WorkFailure {
        public Permanent(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Retry, but not before {@code notBeforeMillis} (a rate limit's reset time). */
    public static final class RetryAt extends WorkFailure {
        private final long notBeforeMillis;

        public RetryAt(String message, long notBeforeMillis, Throwable cause) {
            super(message, cause);
            this.notBeforeMillis = notBeforeMillis;
        }

        public long notBeforeMillis() {
            return notBeforeMillis;
        }
    }
}

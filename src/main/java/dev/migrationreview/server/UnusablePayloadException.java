package dev.migrationreview.server;

import java.io.IOException;

/**
 * A delivery whose payload no retry can make usable: signed, but not shaped as GitHub's event
 * (a field of the wrong type, the pull request's head missing). The delivery is parked at once.
 */
final class UnusablePayloadException extends IOException {

    UnusablePayloadException(String message) {
        super(message);
    }

    UnusablePayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}

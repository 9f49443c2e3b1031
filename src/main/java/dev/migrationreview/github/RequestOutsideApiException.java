package dev.migrationreview.github;

import java.io.IOException;

/**
 * A request that would have left the configured GitHub API (a redirect, a {@code Link} header or
 * an address from a payload pointing elsewhere) was refused; retrying would only be refused again.
 */
public final class RequestOutsideApiException extends IOException {

    RequestOutsideApiException(String message) {
        super(message);
    }
}

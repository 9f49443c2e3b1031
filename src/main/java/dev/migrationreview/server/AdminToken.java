package dev.migrationreview.server;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The operator's admin token, which guards {@code /admin} and {@code /setup}. It is read from the
 * {@code Authorization} header only ({@code Bearer TOKEN}, or Basic with any user name and the
 * token as password, which browsers ask for): never from the query string, which proxies, access
 * logs and browser histories keep.
 */
final class AdminToken {

    private final Optional<Secret> token;

    AdminToken(Optional<Secret> token) {
        this.token = token;
    }

    boolean configured() {
        return token.isPresent();
    }

    /** Whether the request carries the token; false whenever no token is configured. */
    boolean presentedIn(Context ctx) {
        return token.isPresent() && token.get().matches(presented(ctx.header("Authorization")).orElse(null));
    }

    /** The token an {@code Authorization} header carries, if any. */
    static Optional<String> presented(String header) {
        if (header == null) {
            return Optional.empty();
        }
        int space = header.indexOf(' ');
        if (space < 0) {
            return Optional.empty();
        }
        String scheme = header.substring(0, space).toLowerCase(Locale.ROOT);
        String credentials = header.substring(space + 1).strip();
        return switch (scheme) {
            case "bearer" -> Optional.of(credentials);
            case "basic" -> basicPassword(credentials);
            default -> Optional.empty();
        };
    }

    private static Optional<String> basicPassword(String credentials) {
        try {
            String decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty() : Optional.of(decoded.substring(colon + 1));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }
}

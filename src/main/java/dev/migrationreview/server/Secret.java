package dev.migrationreview.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/** A secret value (webhook secret, admin token) that never shows up in logs, errors or toString. */
public record Secret(String value) {

    public Secret {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a secret must not be blank");
        }
    }

    public byte[] bytes() {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** Constant-time comparison with a presented value. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(bytes(), presented.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Secret[***]";
    }
}

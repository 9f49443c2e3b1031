package dev.migrationreview.server;

import dev.migrationreview.redaction.Redaction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * A secret value (webhook secret, admin token) that never shows up in logs, errors or toString:
 * making one remembers it for {@link Redaction}.
 */
public record Secret(String value) {

    public Secret {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a secret must not be blank");
        }
        Redaction.remember(value);
    }

    public byte[] bytes() {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Constant-time comparison with a presented value. Both sides are hashed first, so that not
     * even the secret's length shows in how long a wrong guess takes.
     */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(sha256(bytes()), sha256(presented.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "Secret[***]";
    }
}

package dev.migrationreview.rule;

import java.util.Locale;
import java.util.Optional;

/** How much a finding matters; OFF exists only in configuration. */
public enum Severity {
    ERROR, WARNING, NOTICE, OFF;

    public boolean atLeast(Severity other) {
        return this != OFF && other != OFF && ordinal() <= other.ordinal();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Severity> parse(String raw) {
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "error" -> Optional.of(ERROR);
            case "warning", "warn" -> Optional.of(WARNING);
            case "notice", "info" -> Optional.of(NOTICE);
            case "off", "ignore", "none" -> Optional.of(OFF);
            default -> Optional.empty();
        };
    }
}

package dev.migrationreview.frontend.rails;

import java.util.Optional;

/**
 * The Rails version a migration is written for ({@code ActiveRecord::Migration[7.1]}). It decides
 * the defaults ActiveRecord applies: bigint keys from 5.1, NOT NULL timestamps from 5.0, datetime
 * precision from 7.0. A migration without a version predates 5.0 and gets 4.2's defaults.
 */
record RailsVersion(int major, int minor) {

    static final RailsVersion UNVERSIONED = new RailsVersion(4, 2);

    static Optional<RailsVersion> parse(String text) {
        var parts = text.split("\\.");
        try {
            return Optional.of(new RailsVersion(Integer.parseInt(parts[0]),
                    parts.length > 1 ? Integer.parseInt(parts[1]) : 0));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    boolean atLeast(int wantedMajor, int wantedMinor) {
        return major > wantedMajor || major == wantedMajor && minor >= wantedMinor;
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}

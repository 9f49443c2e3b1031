package dev.migrationreview.policy;

/** Commit ids as shown to people. */
final class Shas {

    private Shas() {}

    static String abbreviate(String sha) {
        return sha.length() > 7 ? sha.substring(0, 7) : sha;
    }
}

package dev.migrationreview.discovery;

import java.util.ArrayList;
import java.util.List;

/**
 * The position of a migration in its framework's run order. Versions compare part by part,
 * numerically where both parts are numbers ({@code 2.10} after {@code 2.9}, {@code V10} after
 * {@code V9}), then by path so the order is total and stable.
 */
public record MigrationOrder(List<String> parts, String path) implements Comparable<MigrationOrder> {

    public MigrationOrder {
        parts = List.copyOf(parts);
    }

    /** Splits a version such as {@code 2_30_1}, {@code 2.30.1} or {@code 20230518191501} into parts. */
    public static MigrationOrder ofVersion(String version, String path) {
        var parts = new ArrayList<String>();
        for (String p : version.split("[._\\-]")) {
            if (!p.isEmpty()) {
                parts.add(p);
            }
        }
        return new MigrationOrder(parts, path);
    }

    /** For files without a version: ordered by path alone. */
    public static MigrationOrder ofPath(String path) {
        return new MigrationOrder(List.of(), path);
    }

    @Override
    public int compareTo(MigrationOrder other) {
        int c = compareVersion(other);
        return c != 0 ? c : path.compareTo(other.path);
    }

    /** Compares the versions alone: {@code 2_1} and {@code 2.1} are the same version, whatever the paths. */
    public int compareVersion(MigrationOrder other) {
        int n = Math.min(parts.size(), other.parts.size());
        for (int i = 0; i < n; i++) {
            int c = comparePart(parts.get(i), other.parts.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(parts.size(), other.parts.size());
    }

    private static int comparePart(String a, String b) {
        boolean an = isDigits(a);
        boolean bn = isDigits(b);
        if (an && bn) {
            String sa = a.replaceFirst("^0+(?=.)", "");
            String sb = b.replaceFirst("^0+(?=.)", "");
            return sa.length() != sb.length() ? Integer.compare(sa.length(), sb.length()) : sa.compareTo(sb);
        }
        if (an != bn) {
            return an ? -1 : 1;
        }
        return a.compareTo(b);
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}

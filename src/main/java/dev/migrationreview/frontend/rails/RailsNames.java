package dev.migrationreview.frontend.rails;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The names Rails gives what a migration creates without naming it: indexes
 * ({@code index_users_on_email}), foreign keys ({@code fk_rails_<sha256>}), check constraints
 * ({@code chk_rails_<sha256>}), join tables, and the {@code <name>_id} column of a reference.
 */
final class RailsNames {

    private RailsNames() {}

    static String index(String table, List<String> columns) {
        return "index_" + table + "_on_" + String.join("_and_", columns);
    }

    static String foreignKey(String table, String column) {
        return "fk_rails_" + sha256(table + "_" + column + "_fk").substring(0, 10);
    }

    static String checkConstraint(String table, String expression) {
        return "chk_rails_" + sha256(table + "_" + expression + "_chk").substring(0, 10);
    }

    /** {@code create_join_table :users, :roles} creates {@code roles_users}: the names in lexical order. */
    static String joinTable(String first, String second) {
        return first.compareTo(second) <= 0 ? first + "_" + second : second + "_" + first;
    }

    /** The column {@code add_foreign_key :articles, :authors} uses: {@code author_id}. */
    static String referenceColumn(String table) {
        String name = table.contains(".") ? table.substring(table.lastIndexOf('.') + 1) : table;
        return singular(name) + "_id";
    }

    /** English singular as ActiveSupport's common inflections give it. */
    static String singular(String plural) {
        String word = plural.toLowerCase(Locale.ROOT);
        if (word.endsWith("ies") && word.length() > 3) {
            return plural.substring(0, plural.length() - 3) + "y";
        }
        for (String suffix : List.of("sses", "shes", "ches", "xes", "zzes", "uses")) {
            if (word.endsWith(suffix)) {
                return plural.substring(0, plural.length() - 2);
            }
        }
        if (word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us") && !word.endsWith("is")) {
            return plural.substring(0, plural.length() - 1);
        }
        return plural;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}

package dev.migrationreview.frontend.liquibase;

import dev.migrationreview.discovery.DatabaseKind;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether a changeSet or change applies to the database under review, from Liquibase's
 * {@code dbms} attribute ({@code postgresql}, {@code mysql,mariadb}, {@code !h2}, {@code all},
 * {@code none}) and from contexts or labels that name a database ({@code context="postgresql"}),
 * a common way to keep one changelog for several databases.
 */
final class DatabaseFilter {

    private DatabaseFilter() {}

    /** Whether a {@code dbms} list admits {@code kind}; an unknown kind is admitted, as nothing says otherwise. */
    static boolean dbmsAdmits(String dbms, DatabaseKind kind) {
        var included = new ArrayList<String>();
        var excluded = new ArrayList<String>();
        for (String raw : dbms.split(",")) {
            String name = raw.strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            if (name.startsWith("!")) {
                excluded.add(name.substring(1).strip());
            } else {
                included.add(name);
            }
        }
        if (kind == DatabaseKind.UNKNOWN || included.contains("all")) {
            return true;
        }
        if (included.contains("none") || excluded.stream().anyMatch(n -> names(n, kind))) {
            return false;
        }
        return included.isEmpty() || included.stream().anyMatch(n -> names(n, kind));
    }

    /**
     * Whether a context or label expression admits {@code kind}, judging only the names in it that
     * are databases: {@code postgresql}, {@code mysql, mariadb}, {@code tenant_db and !h2}. Other
     * names select deployments, which the review cannot know, so they count as active. Empty when
     * the expression names no database or groups terms with parentheses.
     */
    static Optional<Boolean> contextAdmits(String expression, DatabaseKind kind) {
        String normalized = expression.strip().toLowerCase(Locale.ROOT);
        if (normalized.contains("(")) {
            return Optional.empty();
        }
        boolean namesDatabase = false;
        boolean admitted = false;
        for (String alternative : normalized.split("\\s*,\\s*|\\s+or\\s+")) {
            boolean alternativeAdmits = true;
            for (String condition : alternative.split("\\s+and\\s+")) {
                boolean negated = condition.startsWith("!") || condition.startsWith("not ");
                String name = condition.replaceFirst("^(!|not\\s+)", "").strip();
                if (DatabaseKind.fromName(name).isPresent()) {
                    namesDatabase = true;
                    alternativeAdmits &= negated != names(name, kind);
                }
            }
            admitted |= alternativeAdmits;
        }
        if (!namesDatabase) {
            return Optional.empty();
        }
        return Optional.of(kind == DatabaseKind.UNKNOWN || admitted);
    }

    private static boolean names(String name, DatabaseKind kind) {
        return DatabaseKind.fromName(name).map(k -> k == kind).orElse(false);
    }
}

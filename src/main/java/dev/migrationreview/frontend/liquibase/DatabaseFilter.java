package dev.migrationreview.frontend.liquibase;

import dev.migrationreview.discovery.DatabaseKind;
import java.util.ArrayList;
import java.util.List;
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
     * Whether a context or label expression admits {@code kind}, when it is made only of database
     * names joined by {@code ,} or {@code or} (each optionally negated with {@code !}); empty for
     * any other expression, which selects deployments rather than databases.
     */
    static Optional<Boolean> contextAdmits(String expression, DatabaseKind kind) {
        List<String> terms = List.of(expression.strip().toLowerCase(Locale.ROOT).split("\\s*,\\s*|\\s+or\\s+"));
        boolean admitted = false;
        for (String term : terms) {
            boolean negated = term.startsWith("!") || term.startsWith("not ");
            String name = term.replaceFirst("^(!|not\\s+)", "").strip();
            if (name.isEmpty() || DatabaseKind.fromName(name).isEmpty()) {
                return Optional.empty();
            }
            admitted |= negated != names(name, kind);
        }
        if (kind == DatabaseKind.UNKNOWN) {
            return Optional.of(true);
        }
        return Optional.of(admitted);
    }

    private static boolean names(String name, DatabaseKind kind) {
        return DatabaseKind.fromName(name).map(k -> k == kind).orElse(false);
    }
}

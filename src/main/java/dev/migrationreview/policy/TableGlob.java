package dev.migrationreview.policy;

import dev.migrationreview.config.Glob;
import dev.migrationreview.operation.TableRef;
import java.util.Locale;
import java.util.Optional;

/**
 * A glob over table names, compared without regard to case. {@code billing.*} is
 * schema-qualified: it matches tables of schema {@code billing}, and a table a migration names
 * without a schema is taken to be in {@code public} (PostgreSQL's default search path).
 * {@code invoice_*} has no schema and matches in any schema.
 */
final class TableGlob {

    static final String DEFAULT_SCHEMA = "public";

    private final String pattern;
    private final Optional<Glob> schema;
    private final Glob name;

    private TableGlob(String pattern, Optional<Glob> schema, Glob name) {
        this.pattern = pattern;
        this.schema = schema;
        this.name = name;
    }

    static TableGlob compile(String pattern) {
        String folded = pattern.strip().toLowerCase(Locale.ROOT);
        int dot = folded.lastIndexOf('.');
        if (dot <= 0 || dot == folded.length() - 1) {
            return new TableGlob(pattern, Optional.empty(), Glob.compile(folded));
        }
        return new TableGlob(pattern, Optional.of(Glob.compile(folded.substring(0, dot))), Glob.compile(folded.substring(dot + 1)));
    }

    boolean matches(TableRef table) {
        if (!name.matches(table.name().toLowerCase(Locale.ROOT))) {
            return false;
        }
        return schema.map(s -> s.matches(table.schema().orElse(DEFAULT_SCHEMA).toLowerCase(Locale.ROOT))).orElse(true);
    }

    String pattern() {
        return pattern;
    }
}

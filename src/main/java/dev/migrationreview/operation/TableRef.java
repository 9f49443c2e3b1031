package dev.migrationreview.operation;

import java.util.Locale;
import java.util.Optional;

/**
 * A table (or other relation) named by a migration. Names are stored as the database would fold
 * them: unquoted identifiers lower-cased, quoted ones kept exactly, so two spellings of one table
 * compare equal.
 */
public record TableRef(Optional<String> schema, String name) {

    public TableRef {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("table name must not be empty");
        }
    }

    public static TableRef of(String name) {
        return new TableRef(Optional.empty(), name);
    }

    public static TableRef of(String schema, String name) {
        return new TableRef(Optional.ofNullable(schema), name);
    }

    /** Parses {@code schema.table}, {@code "Schema"."Table"} or a bare name, folding unquoted parts. */
    public static TableRef parse(String qualified) {
        if (isPlainName(qualified)) {
            return of(qualified.strip().toLowerCase(Locale.ROOT));
        }
        var parts = Identifiers.splitQualified(qualified);
        String name = Identifiers.fold(parts.get(parts.size() - 1));
        if (parts.size() == 1) {
            return of(name);
        }
        return of(Identifiers.fold(parts.get(parts.size() - 2)), name);
    }

    /** Rules parse names once per operation: most are bare, unquoted names that need only folding. */
    private static boolean isPlainName(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '.' || c == '"' || c == '`' || c == '[') {
                return false;
            }
        }
        return true;
    }

    /** The same table without its schema: rules compare tables created and altered in one change by this. */
    public TableRef unqualified() {
        return schema.isEmpty() ? this : of(name);
    }

    public String qualified() {
        return schema.map(s -> s + "." + name).orElse(name);
    }

    @Override
    public String toString() {
        return qualified();
    }

    /** Identifier folding and splitting shared by every frontend. */
    public static final class Identifiers {
        private Identifiers() {}

        /** Lower-cases an unquoted identifier; strips the quotes of a quoted one ("x", `x`, [x]). */
        public static String fold(String identifier) {
            String s = identifier.strip();
            if (s.length() >= 2) {
                char first = s.charAt(0);
                char last = s.charAt(s.length() - 1);
                if ((first == '"' && last == '"') || (first == '`' && last == '`')) {
                    return s.substring(1, s.length() - 1).replace(String.valueOf(first) + first, String.valueOf(first));
                }
                if (first == '[' && last == ']') {
                    return s.substring(1, s.length() - 1);
                }
            }
            return s.toLowerCase(Locale.ROOT);
        }

        /** Splits on dots outside quotes. */
        public static java.util.List<String> splitQualified(String qualified) {
            var parts = new java.util.ArrayList<String>();
            var current = new StringBuilder();
            char quote = 0;
            for (int i = 0; i < qualified.length(); i++) {
                char c = qualified.charAt(i);
                if (quote != 0) {
                    current.append(c);
                    if (c == quote) {
                        quote = 0;
                    }
                } else if (c == '"' || c == '`') {
                    quote = c;
                    current.append(c);
                } else if (c == '[') {
                    quote = ']';
                    current.append(c);
                } else if (c == '.') {
                    parts.add(current.toString());
                    current.setLength(0);
                } else {
                    current.append(c);
                }
            }
            parts.add(current.toString());
            return parts;
        }
    }
}

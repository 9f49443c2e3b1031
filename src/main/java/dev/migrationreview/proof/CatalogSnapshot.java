package dev.migrationreview.proof;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The user-visible schema of a database as a sorted set of lines (tables, columns with type,
 * nullability and default, indexes, constraints, enum labels, views, sequences), so two states
 * compare with a set difference that reads like a schema diff.
 */
public record CatalogSnapshot(SortedSet<String> lines) {

    private static final String USER_SCHEMAS =
            "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'";

    private static final List<String> QUERIES = List.of(
            "SELECT 'relation ' || n.nspname || '.' || c.relname || ' (' || c.relkind::text || ')' FROM pg_class c "
                    + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r','p','v','m','S','f') AND " + USER_SCHEMAS,
            "SELECT 'column ' || n.nspname || '.' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)"
                    + " || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END"
                    + " || COALESCE(' default ' || pg_get_expr(d.adbin, d.adrelid), '') FROM pg_attribute a"
                    + " JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                    + " WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r','p','v','m','f') AND " + USER_SCHEMAS,
            "SELECT 'index ' || pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + USER_SCHEMAS,
            "SELECT 'constraint ' || n.nspname || '.' || c.relname || ' ' || con.conname || ' ' || pg_get_constraintdef(con.oid)"
                    + " FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE " + USER_SCHEMAS,
            "SELECT 'enum ' || n.nspname || '.' || t.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)"
                    + " FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace"
                    + " WHERE " + USER_SCHEMAS + " GROUP BY n.nspname, t.typname");

    public static CatalogSnapshot capture(Connection connection) throws SQLException {
        var lines = new TreeSet<String>();
        try (var st = connection.createStatement()) {
            for (String query : QUERIES) {
                try (var rs = st.executeQuery(query)) {
                    while (rs.next()) {
                        lines.add(rs.getString(1));
                    }
                }
            }
        }
        return new CatalogSnapshot(lines);
    }

    /** What {@code other} has that this snapshot lacks (+) and what this has that {@code other} lacks (-). */
    public List<String> differencesTo(CatalogSnapshot other) {
        var diff = new ArrayList<String>();
        for (String line : lines) {
            if (!other.lines.contains(line)) {
                diff.add("- " + line);
            }
        }
        for (String line : other.lines) {
            if (!lines.contains(line)) {
                diff.add("+ " + line);
            }
        }
        return diff;
    }
}

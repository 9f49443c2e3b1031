package dev.migrationreview.proof;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fills existing tables with generated rows (generate_series) so that locks are held for a
 * realistic time and the planner sees realistic sizes. Values are derived from the row number,
 * so unique columns stay unique and foreign keys point at rows of the referenced table.
 */
final class SyntheticVolume {

    private final Connection connection;

    SyntheticVolume(Connection connection) {
        this.connection = connection;
    }

    /** Fills each table with the given number of rows, in the configured order (parents first). */
    void fill(Map<String, Long> rowsPerTable) throws SQLException {
        for (var entry : rowsPerTable.entrySet()) {
            insert(entry.getKey(), entry.getValue());
        }
    }

    private void insert(String table, long rows) throws SQLException {
        var columns = new ArrayList<String>();
        var values = new ArrayList<String>();
        for (Column column : columns(table)) {
            column.expression(this::rowCount).ifPresent(expression -> {
                columns.add(quote(column.name()));
                values.add(expression);
            });
        }
        String sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") SELECT " + String.join(", ", values)
                + " FROM generate_series(1, " + rows + ") AS g";
        if (columns.isEmpty()) {
            sql = "INSERT INTO " + table + " SELECT FROM generate_series(1, " + rows + ")";
        }
        try (var st = connection.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new SQLException("could not generate " + rows + " rows for " + table + ": " + e.getMessage(), e);
        }
    }

    private long rowCount(String table) {
        try (var st = connection.createStatement(); var rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return 0;
        }
    }

    private List<Column> columns(String table) throws SQLException {
        String sql = """
                SELECT a.attname, format_type(a.atttypid, a.atttypmod), t.typtype, a.attnotnull,
                       a.atthasdef OR a.attidentity <> '' OR a.attgenerated <> '' AS has_default,
                       (SELECT e.enumlabel FROM pg_enum e WHERE e.enumtypid = a.atttypid ORDER BY e.enumsortorder LIMIT 1),
                       (SELECT fc.confrelid::regclass::text FROM pg_constraint fc
                         WHERE fc.contype = 'f' AND fc.conrelid = a.attrelid AND a.attnum = ANY (fc.conkey) LIMIT 1)
                  FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
                 WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped
                 ORDER BY a.attnum""";
        var columns = new ArrayList<Column>();
        try (var st = connection.prepareStatement(sql)) {
            st.setString(1, table);
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    columns.add(new Column(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getBoolean(5),
                            Optional.ofNullable(rs.getString(6)), Optional.ofNullable(rs.getString(7))));
                }
            }
        }
        return columns;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** A column and how to generate its value for row {@code g}. */
    private record Column(String name, String type, String typeKind, boolean notNull, boolean hasDefault,
                          Optional<String> firstEnumLabel, Optional<String> referencedTable) {

        Optional<String> expression(java.util.function.ToLongFunction<String> rowCount) {
            if (referencedTable.isPresent()) {
                long parentRows = rowCount.applyAsLong(referencedTable.get());
                if (parentRows > 0) {
                    return Optional.of("(1 + (g - 1) % " + parentRows + ")::" + type);
                }
                return Optional.empty();
            }
            if (hasDefault) {
                return Optional.empty();
            }
            if (firstEnumLabel.isPresent()) {
                return Optional.of("'" + firstEnumLabel.get().replace("'", "''") + "'::" + type);
            }
            String base = type.replaceAll("\\(.*\\)", "").replace("[]", "");
            String expression = switch (base) {
                case "smallint" -> "(g % 32767)::smallint";
                case "integer", "bigint", "numeric", "real", "double precision" -> "g::" + type;
                case "text", "character varying", "character", "citext" -> "left(md5(g::text), " + textLength() + ")";
                case "boolean" -> "(g % 2 = 0)";
                case "uuid" -> "md5(g::text)::uuid";
                case "date" -> "(current_date - (g % 3650)::int)";
                case "timestamp without time zone", "timestamp with time zone" -> "(now() - g * interval '1 minute')::" + type;
                case "json", "jsonb" -> "jsonb_build_object('n', g)::" + type;
                case "bytea" -> "decode(md5(g::text), 'hex')";
                default -> null;
            };
            if (expression != null && type.endsWith("[]")) {
                expression = "ARRAY[" + expression + "]";
            }
            // A NOT NULL column of a type we cannot generate gets NULL, so the insert fails with the column's name.
            return Optional.ofNullable(expression).or(() -> notNull ? Optional.of("NULL") : Optional.empty());
        }

        private int textLength() {
            var matcher = java.util.regex.Pattern.compile("\\((\\d+)\\)").matcher(type);
            return matcher.find() ? Math.min(32, Integer.parseInt(matcher.group(1))) : 32;
        }
    }
}

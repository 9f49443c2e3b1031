package dev.migrationreview.operation;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A column type as written, normalised to the canonical PostgreSQL spelling where one exists
 * ({@code int4} and {@code integer} are both {@code integer}), with its modifiers
 * ({@code varchar(255)} has {@code ["255"]}).
 */
public record DataType(String name, List<String> modifiers, boolean array) {

    private static final Set<String> SERIALS = Set.of("serial", "serial4", "smallserial", "serial2");
    private static final Set<String> BIG_SERIALS = Set.of("bigserial", "serial8");

    public DataType {
        name = canonical(name);
        modifiers = List.copyOf(modifiers);
    }

    public static DataType of(String name, String... modifiers) {
        return new DataType(name, List.of(modifiers), false);
    }

    public boolean isSerial() {
        return SERIALS.contains(name) || BIG_SERIALS.contains(name);
    }

    public boolean is32BitInteger() {
        return name.equals("integer") || SERIALS.contains(name);
    }

    public boolean isVarchar() {
        return name.equals("character varying");
    }

    public boolean isTimestampWithoutZone() {
        return name.equals("timestamp without time zone");
    }

    /** The type as SQL, e.g. {@code character varying(255)}. */
    public String sql() {
        String base;
        if (modifiers.isEmpty()) {
            base = name;
        } else if (name.endsWith(" time zone")) {
            // The precision goes after the first word: timestamp(3) with time zone.
            int space = name.indexOf(' ');
            base = name.substring(0, space) + "(" + String.join(",", modifiers) + ")" + name.substring(space);
        } else {
            base = name + "(" + String.join(",", modifiers) + ")";
        }
        return array ? base + "[]" : base;
    }

    @Override
    public String toString() {
        return sql();
    }

    static String canonical(String raw) {
        String n = raw.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (n.startsWith("\"") && n.endsWith("\"") && n.length() > 1) {
            n = n.substring(1, n.length() - 1);
        }
        if (n.startsWith("pg_catalog.")) {
            n = n.substring("pg_catalog.".length());
        }
        return switch (n) {
            case "int", "int4", "integer" -> "integer";
            case "int8", "bigint" -> "bigint";
            case "int2", "smallint" -> "smallint";
            case "varchar", "character varying", "nvarchar" -> "character varying";
            case "char", "character", "bpchar" -> "character";
            case "bool", "boolean" -> "boolean";
            case "float8", "double precision", "double" -> "double precision";
            case "float4", "real" -> "real";
            case "decimal", "numeric" -> "numeric";
            case "timestamp", "timestamp without time zone" -> "timestamp without time zone";
            case "timestamptz", "timestamp with time zone" -> "timestamp with time zone";
            case "time", "time without time zone" -> "time without time zone";
            case "timetz", "time with time zone" -> "time with time zone";
            default -> n;
        };
    }
}

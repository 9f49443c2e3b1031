package dev.migrationreview.rule.postgres;

import dev.migrationreview.operation.DataType;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which ALTER COLUMN TYPE changes PostgreSQL performs without rewriting the table: those where
 * the old values are already valid values of the new type (binary coercible, and a type modifier
 * that only widens). Everything else rewrites the table and rebuilds its indexes.
 *
 * <p>Metadata-only: varchar(n) to varchar(m >= n), varchar or text; text to varchar; numeric(p,s)
 * to numeric(q >= p,s) or numeric; bit varying(n) to bit varying(m >= n) or bit varying; cidr to
 * inet; timestamp, timestamptz, time, timetz and interval to a higher or unlimited precision.
 * Rewrites: char(n) to text or varchar (blank-padding is stripped), any narrowing, int to bigint,
 * and timestamp to timestamptz or back, which PostgreSQL 12+ skips only when the session time zone
 * is UTC: a setting of the session running the migration, so it is treated as a rewrite.
 */
final class TypeChanges {

    private static final Set<String> VARYING = Set.of("character varying", "bit varying", "varbit");
    private static final Set<String> PRECISION_TYPES = Set.of("timestamp without time zone",
            "timestamp with time zone", "time without time zone", "time with time zone", "interval");

    private TypeChanges() {}

    /** True when changing a column from {@code from} to {@code to} only updates the catalog. */
    static boolean isMetadataOnly(DataType from, DataType to) {
        if (from.equals(to)) {
            return true;
        }
        if (from.array() || to.array() || !numeric(from.modifiers()) || !numeric(to.modifiers())) {
            return false;
        }
        String a = family(from.name());
        String b = family(to.name());
        if (a.equals("character varying") && b.equals("text")) {
            return true;
        }
        if (a.equals("text") && b.equals("character varying")) {
            return to.modifiers().isEmpty();
        }
        if (a.equals("cidr") && b.equals("inet")) {
            return true;
        }
        if (!a.equals(b)) {
            return false;
        }
        if (VARYING.contains(a) || PRECISION_TYPES.contains(a)) {
            return widens(first(from.modifiers()), first(to.modifiers()));
        }
        if (a.equals("numeric")) {
            return to.modifiers().isEmpty()
                    || (!from.modifiers().isEmpty() && scale(from).equals(scale(to))
                    && widens(first(from.modifiers()), first(to.modifiers())));
        }
        return false;
    }

    /** The old types from which a change to {@code to} would be metadata-only, in words; empty when none. */
    static Optional<String> metadataOnlyFrom(DataType to) {
        if (to.array()) {
            return Optional.empty();
        }
        String b = family(to.name());
        String limit = first(to.modifiers()).map(m -> "(n <= " + m + ")").orElse("");
        return Optional.ofNullable(switch (b) {
            case "text" -> "character varying (any length)";
            case "character varying" -> to.modifiers().isEmpty() ? "text or character varying(n)" : "character varying" + limit;
            case "numeric" -> to.modifiers().isEmpty() ? "numeric(p,s)" : "numeric(p <= " + to.modifiers().getFirst()
                    + ", same scale)";
            case "inet" -> "cidr";
            case "bit varying", "varbit" -> "bit varying" + limit;
            default -> PRECISION_TYPES.contains(b) ? b + (to.modifiers().isEmpty() ? "(p)" : "(p <= " + to.modifiers().getFirst() + ")") : null;
        });
    }

    private static String family(String name) {
        return name.equals("varbit") ? "bit varying" : name;
    }

    /** An unlimited target accepts anything; a limited one only a limited source no longer than it. */
    private static boolean widens(Optional<Integer> from, Optional<Integer> to) {
        if (to.isEmpty()) {
            return true;
        }
        return from.isPresent() && from.get() <= to.get();
    }

    private static Optional<Integer> first(List<String> modifiers) {
        return modifiers.isEmpty() || !numeric(modifiers) ? Optional.empty()
                : Optional.of(Integer.parseInt(modifiers.getFirst().strip()));
    }

    private static boolean numeric(List<String> modifiers) {
        return modifiers.stream().allMatch(m -> m.strip().matches("\\d{1,9}"));
    }

    private static String scale(DataType numeric) {
        return numeric.modifiers().size() > 1 ? numeric.modifiers().get(1).strip() : "0";
    }
}

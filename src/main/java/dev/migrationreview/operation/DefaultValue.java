package dev.migrationreview.operation;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A column default as written. Its volatility decides whether PostgreSQL 11+ can add the column
 * without rewriting the table: constants and stable functions (now()) are evaluated once,
 * volatile ones (random(), gen_random_uuid(), clock_timestamp()) once per existing row.
 */
public record DefaultValue(String expression) {

    private static final Set<String> VOLATILE_FUNCTIONS = Set.of(
            "random", "gen_random_uuid", "uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4",
            "clock_timestamp", "timeofday", "nextval", "setseed", "txid_current", "statement_timestamp",
            "uuid", "uuidv4", "uuidv7", "uuid_short", "rand", "sysdate", "newid", "gen_random_bytes");
    private static final Pattern FUNCTION_CALL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_.]*)\\s*\\(");

    public boolean isVolatile() {
        var matcher = FUNCTION_CALL.matcher(expression);
        while (matcher.find()) {
            String fn = matcher.group(1).toLowerCase(Locale.ROOT);
            int dot = fn.lastIndexOf('.');
            if (VOLATILE_FUNCTIONS.contains(dot >= 0 ? fn.substring(dot + 1) : fn)) {
                return true;
            }
        }
        return false;
    }

    public boolean isNull() {
        return expression.strip().equalsIgnoreCase("null");
    }

    @Override
    public String toString() {
        return expression;
    }
}

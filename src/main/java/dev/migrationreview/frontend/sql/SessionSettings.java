package dev.migrationreview.frontend.sql;

import dev.migrationreview.operation.Operation;
import dev.migrationreview.operation.Operation.SetTimeout.Timeout;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** Turns {@code SET name = value} into a timeout or a plain parameter, whichever parser read it. */
final class SessionSettings {

    private SessionSettings() {}

    /**
     * @param parameter as written, possibly with MySQL's {@code @@session.} prefix
     * @param value     as written: {@code 5000}, {@code '5s'}, {@code '1min'}, {@code DEFAULT}
     */
    static Operation set(String parameter, String value, boolean local) {
        String name = withoutScope(parameter.toLowerCase(Locale.ROOT).replace("`", ""));
        String cleanValue = value.strip();
        return switch (name) {
            case "lock_timeout" -> new Operation.SetTimeout(Timeout.LOCK, postgresDuration(cleanValue), local);
            case "statement_timeout" -> new Operation.SetTimeout(Timeout.STATEMENT, postgresDuration(cleanValue), local);
            case "idle_in_transaction_session_timeout" ->
                    new Operation.SetTimeout(Timeout.IDLE_IN_TRANSACTION, postgresDuration(cleanValue), local);
            case "lock_wait_timeout", "innodb_lock_wait_timeout" ->
                    new Operation.SetTimeout(Timeout.LOCK, number(cleanValue).map(Duration::ofSeconds), local);
            case "max_execution_time", "max_statement_time" -> new Operation.SetTimeout(Timeout.STATEMENT,
                    number(cleanValue).map(n -> name.equals("max_statement_time") ? Duration.ofSeconds(n) : Duration.ofMillis(n)),
                    local);
            default -> new Operation.SetParameter(name, cleanValue);
        };
    }

    /** MySQL's {@code @@session.lock_wait_timeout} is {@code lock_wait_timeout}. */
    private static String withoutScope(String name) {
        for (String prefix : new String[] {"@@session.", "@@global.", "@@local.", "@@", "session.", "global."}) {
            if (name.startsWith(prefix)) {
                return name.substring(prefix.length());
            }
        }
        return name;
    }

    /** PostgreSQL time settings: a bare number is milliseconds; units us, ms, s, min, h, d. */
    static Optional<Duration> postgresDuration(String raw) {
        String v = TokenCursor.unquote(raw).strip().toLowerCase(Locale.ROOT);
        if (v.isEmpty() || v.equals("default") || v.equals("local")) {
            return Optional.empty();
        }
        int unitAt = 0;
        while (unitAt < v.length() && (Character.isDigit(v.charAt(unitAt)) || v.charAt(unitAt) == '.')) {
            unitAt++;
        }
        if (unitAt == 0) {
            return Optional.empty();
        }
        double amount;
        try {
            amount = Double.parseDouble(v.substring(0, unitAt));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        double millis = switch (v.substring(unitAt).strip()) {
            case "", "ms" -> amount;
            case "us" -> amount / 1000;
            case "s" -> amount * 1000;
            case "min" -> amount * 60_000;
            case "h" -> amount * 3_600_000;
            case "d" -> amount * 86_400_000;
            default -> -1;
        };
        return millis < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(Math.round(millis)));
    }

    private static Optional<Long> number(String raw) {
        try {
            return Optional.of((long) Double.parseDouble(TokenCursor.unquote(raw).strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}

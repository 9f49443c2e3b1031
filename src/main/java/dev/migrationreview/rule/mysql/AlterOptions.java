package dev.migrationreview.rule.mysql;

import dev.migrationreview.operation.Operation;
import dev.migrationreview.rule.OperationSite;
import dev.migrationreview.rule.general.SqlText;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The ALGORITHM= and LOCK= clauses written on the flagged operation's MySQL statement. */
record AlterOptions(Optional<String> algorithm, Optional<String> lock) {

    private static final Pattern ALGORITHM_CLAUSE = Pattern.compile("(?i)\\bALGORITHM\\s*=\\s*(\\w+)");
    private static final Pattern LOCK_CLAUSE = Pattern.compile("(?i)\\bLOCK\\s*=\\s*(\\w+)");
    private static final Pattern SLOW_ALGORITHM = Pattern.compile("(?i)\\bALGORITHM\\s*=\\s*(COPY|DEFAULT)\\b");

    /**
     * The clauses as the frontend modelled them; for a SQL statement it did not model them on
     * (CREATE INDEX ... LOCK=SHARED), as written in its text.
     */
    static AlterOptions of(OperationSite site) {
        return site.statement().operations().stream()
                .filter(o -> o instanceof Operation.MysqlAlterOptions)
                .map(o -> (Operation.MysqlAlterOptions) o)
                .findFirst()
                .map(o -> new AlterOptions(o.algorithm().map(AlterOptions::upper), o.lock().map(AlterOptions::upper)))
                .orElseGet(() -> SqlText.sql(site.statement())
                        .map(sql -> new AlterOptions(clause(ALGORITHM_CLAUSE, sql), clause(LOCK_CLAUSE, sql)))
                        .orElse(new AlterOptions(Optional.empty(), Optional.empty())));
    }

    private static Optional<String> clause(Pattern pattern, String sql) {
        Matcher matcher = pattern.matcher(sql);
        return matcher.find() ? Optional.of(upper(matcher.group(1))) : Optional.empty();
    }

    private static String upper(String value) {
        return value.strip().toUpperCase(Locale.ROOT);
    }

    boolean algorithmIs(String value) {
        return algorithm.filter(value::equals).isPresent();
    }

    boolean lockIs(String value) {
        return lock.filter(value::equals).isPresent();
    }

    /**
     * True when the statement insists on an online change: MySQL then fails with an error instead of
     * silently copying the table or blocking writes when it cannot comply.
     */
    boolean demandsOnline() {
        return algorithmIs("INPLACE") || algorithmIs("INSTANT") || algorithmIs("NOCOPY") || lockIs("NONE");
    }

    /**
     * The statement's SQL (without semicolon) demanding an online change: a slow ALGORITHM becomes
     * INPLACE, an existing LOCK clause becomes LOCK=NONE, and without one {@code ALGORITHM=INPLACE,
     * LOCK=NONE} is appended ({@code separator} is ", " for ALTER TABLE and " " for CREATE INDEX).
     */
    static String demandOnline(String sql, String separator) {
        boolean hadAlgorithm = SLOW_ALGORITHM.matcher(sql).find();
        String edited = SLOW_ALGORITHM.matcher(sql).replaceAll("ALGORITHM=INPLACE");
        if (LOCK_CLAUSE.matcher(edited).find()) {
            return LOCK_CLAUSE.matcher(edited).replaceAll("LOCK=NONE");
        }
        return edited + (hadAlgorithm ? "" : separator + "ALGORITHM=INPLACE") + separator + "LOCK=NONE";
    }
}

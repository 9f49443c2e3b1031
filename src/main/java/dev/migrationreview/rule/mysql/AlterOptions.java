package dev.migrationreview.rule.mysql;

import dev.migrationreview.operation.Operation;
import dev.migrationreview.rule.OperationSite;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The ALGORITHM= and LOCK= clauses written on the flagged operation's MySQL statement. */
record AlterOptions(Optional<String> algorithm, Optional<String> lock) {

    private static final Pattern ALGORITHM_CLAUSE = Pattern.compile("(?i)\\bALGORITHM\\s*=\\s*(COPY|DEFAULT)\\b");
    private static final Pattern LOCK_CLAUSE = Pattern.compile("(?i)\\bLOCK\\s*=\\s*(SHARED|EXCLUSIVE|DEFAULT|NONE)\\b");

    static AlterOptions of(OperationSite site) {
        return site.statement().operations().stream()
                .filter(o -> o instanceof Operation.MysqlAlterOptions)
                .map(o -> (Operation.MysqlAlterOptions) o)
                .findFirst()
                .map(o -> new AlterOptions(o.algorithm().map(AlterOptions::upper), o.lock().map(AlterOptions::upper)))
                .orElse(new AlterOptions(Optional.empty(), Optional.empty()));
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
     * The statement's SQL (without semicolon) demanding {@code ALGORITHM=INPLACE, LOCK=NONE}: existing
     * clauses are rewritten, missing ones appended ({@code separator} is ", " for ALTER TABLE and " "
     * for CREATE INDEX).
     */
    static String demandOnline(String sql, String separator) {
        String edited = sql;
        if (ALGORITHM_CLAUSE.matcher(edited).find()) {
            edited = ALGORITHM_CLAUSE.matcher(edited).replaceAll("ALGORITHM=INPLACE");
        } else {
            edited = edited + separator + "ALGORITHM=INPLACE";
        }
        if (LOCK_CLAUSE.matcher(edited).find()) {
            return LOCK_CLAUSE.matcher(edited).replaceAll("LOCK=NONE");
        }
        return edited + separator + "LOCK=NONE";
    }
}

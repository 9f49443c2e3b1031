package dev.migrationreview.policy;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Recognises query plans pasted into a pull request: PostgreSQL's text and JSON EXPLAIN output,
 * MySQL's table and tree formats, and SQLite's EXPLAIN QUERY PLAN.
 */
final class ExplainOutput {

    private ExplainOutput() {}

    private static final List<Pattern> PLANS = List.of(
            // PostgreSQL text and MySQL tree: "(cost=0.42..8.44 rows=1 width=40)", "(cost=0.35 rows=1)"
            Pattern.compile("\\(cost=\\d+(?:\\.\\d+)?(?:\\.\\.\\d+(?:\\.\\d+)?)? rows=\\d+"),
            Pattern.compile("\\(actual time=\\d"),
            Pattern.compile("(?m)^\\s*(?:->\\s*)?(?:Seq Scan|Index Scan|Index Only Scan|Bitmap Heap Scan|Bitmap Index Scan) (?:on|using) \\S"),
            Pattern.compile("(?m)^\\s*(?:Planning|Execution) Time: \\d"),
            // PostgreSQL FORMAT JSON / YAML
            Pattern.compile("\"Node Type\"\\s*:\\s*\""),
            Pattern.compile("(?m)^\\s*-?\\s*Node Type: \\S"),
            // MySQL's table format: a header with select_type and table
            Pattern.compile("(?mi)^\\s*\\|\\s*id\\s*\\|\\s*select_type\\s*\\|\\s*table\\s*\\|"),
            // SQLite EXPLAIN QUERY PLAN
            Pattern.compile("(?m)^\\s*(?:QUERY PLAN\\s*$|[|`]--(?:SEARCH|SCAN) )"));

    static boolean present(String text) {
        return PLANS.stream().anyMatch(p -> p.matcher(text).find());
    }
}

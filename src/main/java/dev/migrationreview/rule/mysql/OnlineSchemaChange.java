package dev.migrationreview.rule.mysql;

import dev.migrationreview.operation.TableRef;
import dev.migrationreview.rule.OperationSite;
import dev.migrationreview.rule.general.SqlText;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pt-online-schema-change command that runs an ALTER TABLE without blocking writes: it copies
 * the table in chunks while triggers keep the copy current, then swaps the tables.
 */
final class OnlineSchemaChange {

    private static final Pattern ALTER_TABLE_PREFIX =
            Pattern.compile("(?is)^\\s*ALTER\\s+(?:ONLINE\\s+|IGNORE\\s+)*TABLE\\s+(?:`[^`]+`|[^\\s,]+)\\s+(.+)$");

    private OnlineSchemaChange() {}

    /**
     * The command for the flagged statement's clauses, or for {@code fallbackClauses} when the
     * statement is not an ALTER TABLE written in SQL.
     */
    static String command(OperationSite site, TableRef table, String fallbackClauses) {
        String clauses = SqlText.sql(site.statement())
                .map(ALTER_TABLE_PREFIX::matcher)
                .filter(Matcher::matches)
                .map(m -> m.group(1).strip())
                .orElse(fallbackClauses);
        String database = table.schema().orElse("<database>");
        return "pt-online-schema-change --alter \"" + clauses.replace("\\", "\\\\").replace("\"", "\\\"")
                .replaceAll("\\s*\\n\\s*", " ") + "\" D=" + database + ",t=" + table.name() + " --execute";
    }
}

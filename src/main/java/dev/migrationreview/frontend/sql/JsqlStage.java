package dev.migrationreview.frontend.sql;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.frontend.sql.SqlScript.Piece;
import dev.migrationreview.frontend.sql.Token.Kind;
import dev.migrationreview.operation.Operation;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.AbstractJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;

/**
 * Parses one statement with JSqlParser in the file's dialect and translates the tree. Parsing runs
 * on one shared pool with a short timeout: JSqlParser can take exponential time on some nested
 * input, and a timed-out statement must become an unparsed statement, never a stuck review.
 */
final class JsqlStage {

    static final long TIMEOUT_MILLIS = 2_000;

    /** Daemon threads, so a parse abandoned after its timeout never keeps the JVM alive. */
    private static final ExecutorService PARSERS = Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()), new DaemonThreads());

    /** Operations, or why JSqlParser could not produce them. */
    record Result(Optional<List<Operation>> operations, String failure) {
        static Result failed(String failure) {
            return new Result(Optional.empty(), failure);
        }
    }

    Result parse(Piece piece, DatabaseKind kind) {
        String text = parseText(piece, kind);
        Statement statement;
        try {
            statement = CCJSqlParserUtil.parse(text, PARSERS, parser -> {
                parser.withTimeOut(TIMEOUT_MILLIS);
                dialect(kind).ifPresent(parser::withDialect);
                if (kind == DatabaseKind.SQLSERVER) {
                    parser.withSquareBracketQuotation(true);
                }
            });
        } catch (JSQLParserException e) {
            return Result.failed(describe(e));
        } catch (RuntimeException | StackOverflowError e) {
            return Result.failed("JSqlParser failed: " + e.getClass().getSimpleName());
        }
        try {
            return new Result(JsqlTranslator.translate(statement, piece, kind), "");
        } catch (RuntimeException | StackOverflowError e) {
            return Result.failed("statement could not be translated (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static Optional<AbstractJSqlParser.Dialect> dialect(DatabaseKind kind) {
        return switch (kind) {
            case POSTGRESQL -> Optional.of(AbstractJSqlParser.Dialect.POSTGRESQL);
            case MYSQL -> Optional.of(AbstractJSqlParser.Dialect.MYSQL);
            case MARIADB -> Optional.of(AbstractJSqlParser.Dialect.MARIADB);
            default -> Optional.empty();
        };
    }

    private static String describe(JSQLParserException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException || String.valueOf(cause.getMessage()).contains("Time out")) {
                return "parser timed out";
            }
        }
        String message = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage()
                : String.valueOf(e.getMessage());
        String firstLine = message.lines().findFirst().orElse("").strip()
                .replace("net.sf.jsqlparser.parser.ParseException: ", "");
        return "not understood by the SQL parser" + (firstLine.isEmpty() ? "" : ": " + shorten(firstLine));
    }

    private static String shorten(String message) {
        return message.length() <= 160 ? message : message.substring(0, 157) + "...";
    }

    /**
     * The statement as JSqlParser should see it: comments blanked (nested block comments are not
     * SQL-standard), Flyway {@code ${placeholders}} turned into quoted identifiers so they parse and
     * keep their name in the operations.
     */
    static String parseText(Piece piece, DatabaseKind kind) {
        var text = new StringBuilder(piece.text().length());
        String quote = kind.isMysqlFamily() ? "`" : "\"";
        for (Token token : piece.tokens()) {
            if (token.kind() == Kind.LINE_COMMENT || token.kind() == Kind.BLOCK_COMMENT) {
                text.append(' ');
            } else if (token.kind() == Kind.PLACEHOLDER) {
                text.append(quote).append(token.text()).append(quote);
            } else {
                text.append(token.text());
            }
        }
        return text.toString();
    }

    private static final class DaemonThreads implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "sql-parser-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}

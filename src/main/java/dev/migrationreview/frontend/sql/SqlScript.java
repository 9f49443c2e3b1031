package dev.migrationreview.frontend.sql;

import dev.migrationreview.frontend.ParsedMigration.FrontendProblem;
import dev.migrationreview.frontend.Statement.Section;
import dev.migrationreview.frontend.Suppression;
import java.util.List;
import java.util.Optional;

/**
 * A SQL script cut into statements, with what its comments said about the run.
 *
 * @param transactional false when a marker in the file opts out of the runner's transaction
 *                      (goose {@code NO TRANSACTION}, dbmate {@code transaction:false}, a Liquibase
 *                      changeset with {@code runInTransaction:false}); empty when the file says nothing
 */
record SqlScript(List<Piece> statements, List<Suppression> suppressions, List<FrontendProblem> problems,
                 Optional<Boolean> transactional) {

    SqlScript {
        statements = List.copyOf(statements);
        suppressions = List.copyOf(suppressions);
        problems = List.copyOf(problems);
    }

    /**
     * One statement's source.
     *
     * @param tokens       its tokens from the first significant one to the last, comments included
     * @param unterminated why the script ended inside this statement (an unclosed quote or comment)
     */
    record Piece(String text, int startLine, int endLine, Section section, List<Token> tokens,
                 Optional<String> unterminated) {
        Piece {
            tokens = List.copyOf(tokens);
        }
    }
}

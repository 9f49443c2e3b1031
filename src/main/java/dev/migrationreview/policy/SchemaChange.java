package dev.migrationreview.policy;

import dev.migrationreview.discovery.Direction;
import dev.migrationreview.discovery.MigrationFile;
import dev.migrationreview.frontend.ParsedMigration;
import dev.migrationreview.frontend.Statement;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.operation.TableRef;
import dev.migrationreview.review.FileReview;
import dev.migrationreview.review.ReviewResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The forward operations of a change in the order the migrations run, each with its file,
 * statement and additivity, as the policy predicates read them.
 *
 * @param migrations every forward migration file of the change (also those no frontend could read)
 * @param downFiles  the down/undo migration files the change contains
 */
record SchemaChange(List<FileReview> migrations, List<FileReview> downFiles, List<Step> steps) {

    /** One operation of one statement. {@code newTable} when its table was created earlier in the change. */
    record Step(MigrationFile file, Statement statement, Operation operation, boolean newTable, Additivity additivity) {
        String path() {
            return file.path();
        }

        /** {@code db/x.sql line 3} or {@code lines 3-5}. */
        String where() {
            return path() + (statement.startLine() == statement.endLine() ? " line " + statement.startLine()
                    : " lines " + statement.startLine() + "-" + statement.endLine());
        }
    }

    SchemaChange {
        migrations = List.copyOf(migrations);
        downFiles = List.copyOf(downFiles);
        steps = List.copyOf(steps);
    }

    static SchemaChange of(ReviewResult review) {
        var forward = new ArrayList<FileReview>();
        var down = new ArrayList<FileReview>();
        var steps = new ArrayList<Step>();
        Set<TableRef> created = new HashSet<>();
        for (FileReview file : review.files()) {
            if (file.file().direction() == Direction.DOWN) {
                down.add(file);
                continue;
            }
            forward.add(file);
            for (ParsedMigration parsed : file.parsed().stream().toList()) {
                for (Statement statement : parsed.forward()) {
                    for (Operation operation : statement.operations()) {
                        boolean newTable = operation instanceof Operation.CreateTable
                                || operation.tables().stream().findFirst().map(t -> created.contains(t.unqualified())).orElse(false);
                        steps.add(new Step(file.file(), statement, operation, newTable, Additivity.of(operation, newTable)));
                        track(operation, created);
                    }
                }
            }
        }
        return new SchemaChange(forward, down, steps);
    }

    private static void track(Operation operation, Set<TableRef> created) {
        switch (operation) {
            case Operation.CreateTable create -> created.add(create.table().unqualified());
            case Operation.DropTable drop -> drop.dropped().forEach(t -> created.remove(t.unqualified()));
            case Operation.RenameTable rename -> {
                if (created.remove(rename.table().unqualified())) {
                    created.add(TableRef.of(rename.newName()));
                }
            }
            default -> { }
        }
    }

    boolean isEmpty() {
        return migrations.isEmpty();
    }

    List<String> migrationPaths() {
        return migrations.stream().map(f -> f.file().path()).toList();
    }

    /** The steps of one file whose statement overlaps the given lines (where a finding points). */
    List<Step> at(String path, int startLine, int endLine) {
        return steps.stream().filter(s -> s.path().equals(path)
                && s.statement().startLine() <= endLine && s.statement().endLine() >= startLine).toList();
    }

    Optional<Step> firstIn(String path) {
        return steps.stream().filter(s -> s.path().equals(path)).findFirst();
    }
}

package dev.migrationreview.frontend.alembic;

import dev.migrationreview.frontend.python.PyExpr;
import dev.migrationreview.frontend.python.PyModule;
import dev.migrationreview.frontend.python.PyScope;
import dev.migrationreview.frontend.python.PyStmt;
import java.util.List;
import java.util.Optional;

/**
 * The identifiers Alembic orders migrations by: {@code revision} and the revisions it follows
 * ({@code down_revision}: none for the first, several for a merge), read from the module's
 * assignments with a real parser so a docstring mentioning "Revises:" cannot mislead it.
 */
public record AlembicRevision(String revision, List<String> downRevisions, List<String> dependsOn) {

    public AlembicRevision {
        downRevisions = List.copyOf(downRevisions);
        dependsOn = List.copyOf(dependsOn);
    }

    public static Optional<AlembicRevision> read(String source) {
        return read(PyModule.parse(source));
    }

    static Optional<AlembicRevision> read(PyModule module) {
        var scope = PyScope.root();
        for (PyStmt statement : module.body()) {
            if (statement instanceof PyStmt.Assign assign && assign.op().equals("=")) {
                assign.targets().forEach(t -> scope.assign(t, assign.value()));
            }
        }
        return scope.lookup("revision").flatMap(scope::string).map(revision -> new AlembicRevision(revision,
                identifiers(scope, "down_revision"), identifiers(scope, "depends_on")));
    }

    /** A string, a tuple or list of strings, or None. */
    private static List<String> identifiers(PyScope scope, String name) {
        var value = scope.lookup(name);
        if (value.isEmpty() || value.get() instanceof PyExpr.Constant) {
            return List.of();
        }
        return scope.string(value.get()).map(List::of).or(() -> scope.strings(value.get())).orElse(List.of());
    }
}

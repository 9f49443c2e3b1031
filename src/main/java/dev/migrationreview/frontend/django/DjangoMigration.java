package dev.migrationreview.frontend.django;

import dev.migrationreview.frontend.python.PyExpr;
import dev.migrationreview.frontend.python.PyModule;
import dev.migrationreview.frontend.python.PyScope;
import dev.migrationreview.frontend.python.PyStmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One Django migration module: its app (the folder holding {@code migrations/}), its name, and
 * what its {@code Migration} class declares: dependencies, replaced migrations, {@code atomic}
 * and the operations list.
 *
 * @param problem why the file is not a readable migration (no Migration class, no operations list)
 */
record DjangoMigration(String path, String app, String name, PyModule module, PyScope scope,
                       List<Dependency> dependencies, List<Dependency> replaces, List<PyExpr> operations,
                       Optional<Boolean> atomic, DjangoVersion version, Optional<Problem> problem) {

    record Dependency(String app, String name) {}

    record Problem(int line, String message) {}

    DjangoMigration {
        dependencies = List.copyOf(dependencies);
        replaces = List.copyOf(replaces);
        operations = List.copyOf(operations);
    }

    static DjangoMigration read(String path, String text) {
        var module = PyModule.parse(text);
        var scope = PyScope.root();
        Optional<PyStmt.ClassDef> migrationClass = Optional.empty();
        for (PyStmt statement : module.body()) {
            if (statement instanceof PyStmt.Assign assign && assign.op().equals("=")) {
                assign.targets().forEach(t -> scope.assign(t, assign.value()));
            } else if (statement instanceof PyStmt.ClassDef c && c.name().equals("Migration")) {
                migrationClass = Optional.of(c);
            }
        }
        String app = appLabel(path);
        String name = fileName(path);
        var version = DjangoVersion.of(module.comments());
        if (migrationClass.isEmpty()) {
            return new DjangoMigration(path, app, name, module, scope, List.of(), List.of(), List.of(), Optional.empty(),
                    version, Optional.of(new Problem(1, "no Migration class: nothing in this file is reviewed")));
        }
        var body = scope.child();
        for (PyStmt statement : migrationClass.get().body()) {
            if (statement instanceof PyStmt.Assign assign) {
                assign.targets().forEach(t -> body.assign(t, assign.op().equals("+=")
                        ? concatenation(body, t, assign.value()) : assign.value()));
            }
        }
        var operations = body.lookup("operations").flatMap(body::elements);
        Optional<Problem> problem = operations.isPresent() ? Optional.empty() : Optional.of(new Problem(
                migrationClass.get().span().line(), "the Migration class has no operations list this review can read"));
        return new DjangoMigration(path, app, name, module, body, dependencies(body, "dependencies", app),
                dependencies(body, "replaces", app), operations.orElse(List.of()),
                body.lookup("atomic").flatMap(body::bool), version, problem);
    }

    /** {@code operations += [...]} in the class body extends the list. */
    private static PyExpr concatenation(PyScope scope, PyExpr target, PyExpr value) {
        var current = target instanceof PyExpr.Name n ? scope.lookup(n.id()) : Optional.<PyExpr>empty();
        return current.<PyExpr>map(c -> new PyExpr.BinOp("+", c, value, value.span())).orElse(value);
    }

    private static List<Dependency> dependencies(PyScope scope, String attribute, String app) {
        var result = new ArrayList<Dependency>();
        for (PyExpr entry : scope.lookup(attribute).flatMap(scope::elements).orElse(List.of())) {
            var pair = scope.strings(entry).filter(p -> p.size() == 2);
            pair.ifPresent(p -> result.add(new Dependency(p.get(0), p.get(1))));
        }
        return result;
    }

    /** The folder that holds {@code migrations/} names the app (its default label). */
    static String appLabel(String path) {
        String[] parts = path.split("/");
        for (int i = parts.length - 2; i > 0; i--) {
            if (parts[i].equals("migrations")) {
                return parts[i - 1];
            }
        }
        return parts.length >= 2 ? parts[parts.length - 2] : "app";
    }

    private static String fileName(String path) {
        String file = path.substring(path.lastIndexOf('/') + 1);
        return file.endsWith(".py") ? file.substring(0, file.length() - 3) : file;
    }
}

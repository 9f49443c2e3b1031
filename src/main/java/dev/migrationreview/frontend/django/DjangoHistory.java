package dev.migrationreview.frontend.django;

import dev.migrationreview.discovery.Dialect;
import dev.migrationreview.discovery.FileTree;
import dev.migrationreview.frontend.python.PyExpr;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rebuilds Django's project state from the repository's migrations, as Django does before it runs
 * a migration: the app's earlier migrations (the reviewed one's dependencies, transitively, in
 * dependency order) are replayed, and other apps' models are read when a foreign key points at
 * them. Parsed modules are cached by path and content, so reviewing many migrations of one app
 * parses each file once.
 */
final class DjangoHistory {

    private static final int CACHE_SIZE = 4096;

    private record Cached(String text, DjangoMigration migration) {}

    /** The state after a parsed migration, and the states of its dependencies it was replayed on. */
    private record Memo(DjangoMigration migration, List<Memo> inputs, ProjectState state) {}

    private final Map<String, Cached> cache = lru();

    private static <V> Map<String, V> lru() {
        return java.util.Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > CACHE_SIZE;
            }
        });
    }

    private final Map<String, Memo> memos = lru();

    DjangoMigration read(String path, String text) {
        var cached = cache.get(path);
        if (cached != null && cached.text().equals(text)) {
            return cached.migration();
        }
        var migration = DjangoMigration.read(path, text);
        cache.put(path, new Cached(text, migration));
        return migration;
    }

    /** What one review knows about the repository's migrations: the app folders it has read. */
    final class Repository implements DjangoOperations.ForeignModels {
        private final FileTree tree;
        private final Dialect dialect;
        private final String appsRoot;
        private final Map<String, ProjectState> finalStates = new HashMap<>();

        Repository(FileTree tree, Dialect dialect, String migrationPath) {
            this.tree = tree;
            this.dialect = dialect;
            String folder = parent(migrationPath);
            this.appsRoot = parent(parent(folder));
        }

        /** The state the migration's dependencies within its app leave, replayed in dependency order. */
        ProjectState before(DjangoMigration migration) {
            var byName = byName(migrations(parent(migration.path())));
            return merged(migration.dependencies(), migration.app(), byName, new HashSet<>(Set.of(migration.name())));
        }

        @Override
        public Optional<ProjectState.Model> find(String app, String model) {
            var state = finalStates.computeIfAbsent(app, this::finalState);
            return state.model(app, model);
        }

        /** Every migration of another app replayed (its latest state): the merge of its leaf migrations. */
        private ProjectState finalState(String app) {
            var all = migrations(appsRoot.isEmpty() ? app + "/migrations" : appsRoot + "/" + app + "/migrations");
            var byName = byName(all);
            var depended = new HashSet<String>();
            all.forEach(m -> m.dependencies().forEach(d -> depended.add(d.name())));
            all.forEach(m -> m.replaces().forEach(d -> depended.add(d.name())));
            var leaves = all.stream().filter(m -> !depended.contains(m.name()))
                    .map(m -> new DjangoMigration.Dependency(app, m.name())).toList();
            return merged(leaves, app, byName, new HashSet<>());
        }

        /** Names to migrations; a name a squashed migration replaces resolves to the squash when absent. */
        private static Map<String, DjangoMigration> byName(List<DjangoMigration> migrations) {
            var byName = new HashMap<String, DjangoMigration>();
            migrations.forEach(m -> byName.put(m.name(), m));
            for (DjangoMigration m : migrations) {
                m.replaces().stream().filter(d -> d.app().equals(m.app())).forEach(d -> byName.putIfAbsent(d.name(), m));
            }
            return byName;
        }

        /** The states after each dependency in the app, merged (a merge migration has several). */
        private ProjectState merged(List<DjangoMigration.Dependency> dependencies, String app,
                                    Map<String, DjangoMigration> byName, Set<String> visiting) {
            var states = new ArrayList<ProjectState>();
            for (var dependency : dependencies) {
                var migration = dependency.app().equals(app) ? byName.get(dependency.name()) : null;
                if (migration != null && !visiting.contains(migration.name())) {
                    states.add(stateAfter(migration, byName, visiting).state());
                }
            }
            return merge(states);
        }

        /** The first state, with the models only the others know added. */
        private static ProjectState merge(List<ProjectState> states) {
            if (states.isEmpty()) {
                return new ProjectState();
            }
            var result = states.get(0).copy();
            for (var other : states.subList(1, states.size())) {
                for (var model : other.models()) {
                    if (result.model(model.app(), model.name()).isEmpty()) {
                        result.put(model);
                    }
                }
            }
            return result;
        }

        /**
         * The state after a migration, memoised on the parsed modules it was built from: the entry
         * is reused only while the migration and every dependency it was replayed on are the same.
         */
        private Memo stateAfter(DjangoMigration migration, Map<String, DjangoMigration> byName, Set<String> visiting) {
            visiting.add(migration.name());
            try {
                var inputs = new ArrayList<Memo>();
                for (var dependency : migration.dependencies()) {
                    var previous = dependency.app().equals(migration.app()) ? byName.get(dependency.name()) : null;
                    if (previous != null && !visiting.contains(previous.name())) {
                        inputs.add(stateAfter(previous, byName, visiting));
                    }
                }
                var memo = memos.get(migration.path());
                if (memo != null && memo.migration() == migration && sameInputs(memo.inputs(), inputs)) {
                    return memo;
                }
                var state = merge(inputs.stream().map(Memo::state).toList());
                var operations = new DjangoOperations(migration.app(), migration.scope(), dialect, migration.version(),
                        (a, m) -> Optional.empty(), migration.module()::text);
                for (PyExpr op : migration.operations()) {
                    if (op instanceof PyExpr.Call call) {
                        state = operations.translate(call, state).after();
                    }
                }
                var result = new Memo(migration, List.copyOf(inputs), state);
                memos.put(migration.path(), result);
                return result;
            } finally {
                visiting.remove(migration.name());
            }
        }

        private static boolean sameInputs(List<Memo> a, List<Memo> b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i) != b.get(i)) {
                    return false;
                }
            }
            return true;
        }

        private List<DjangoMigration> migrations(String folder) {
            var result = new ArrayList<DjangoMigration>();
            for (String path : tree.list(folder)) {
                String rest = path.substring(Math.min(path.length(), folder.length() + 1));
                if (!path.startsWith(folder + "/") || rest.contains("/") || !rest.endsWith(".py")
                        || rest.equals("__init__.py")) {
                    continue;
                }
                tree.read(path).ifPresent(file -> result.add(read(path, new String(file.content(),
                        StandardCharsets.UTF_8))));
            }
            return result;
        }
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }
}

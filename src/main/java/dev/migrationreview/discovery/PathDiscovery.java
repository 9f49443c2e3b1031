package dev.migrationreview.discovery;

import dev.migrationreview.config.Glob;
import dev.migrationreview.config.ReviewConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * Recognises the migrations among a change's files by the naming, folders and markers of each
 * framework, adds the files that configuration lists, drops the ones it excludes, and gives each
 * its dialect, transaction mode, rollback file and place in the run order.
 */
public final class PathDiscovery implements MigrationDiscovery {

    private static final Comparator<MigrationFile> RUN_ORDER = Comparator
            .comparing(MigrationFile::order, MigrationOrder::compareVersion)
            .thenComparing(file -> directionRank(file.direction()))
            .thenComparing(MigrationFile::path);

    @Override
    public List<MigrationFile> discover(List<SourceFile> changed, FileTree tree, ReviewConfig config) {
        var repository = new RepositoryView(changed, tree);
        var recognizer = new MigrationRecognizer(repository);
        List<Glob> excluded = config.exclude().stream().map(Glob::compile).toList();
        List<Listed> listed = config.migrations().stream()
                .map(m -> new Listed(Glob.compile(m.glob()), m.framework())).toList();

        var found = new ArrayList<Found>();
        for (SourceFile file : repository.changed().values()) {
            String path = file.path();
            if (excluded.stream().anyMatch(glob -> glob.matches(path))) {
                continue;
            }
            FileText text = FileText.of(file.content());
            Optional<Listed> listing = listed.stream().filter(l -> l.glob().matches(path)).findFirst();
            Optional<Recognition> recognition = listing
                    .map(l -> recognizer.recogniseListed(path, text, l.framework().flatMap(name -> FrameworkNames.resolve(name, path))))
                    .or(() -> recognizer.recognise(path, text));
            recognition.ifPresent(r -> found.add(new Found(file, text, r)));
        }
        orderAlembicRevisions(found);

        var dialects = new DialectInference(repository, config);
        var transactions = new TransactionMarkers(repository);
        var rollbacks = new RollbackPairing(repository);
        var migrations = new ArrayList<MigrationFile>(found.size());
        for (Found f : found) {
            String path = f.file().path();
            Recognition r = f.recognition();
            migrations.add(new MigrationFile(f.file(), r.framework(), dialects.infer(path, r.framework(), f.text()),
                    r.direction(), r.version(), new MigrationOrder(r.orderParts(), path), r.description(),
                    transactions.transactional(r.framework(), path, f.text()), rollbacks.rollbackOf(path, r)));
        }
        migrations.sort(RUN_ORDER);
        return List.copyOf(migrations);
    }

    private record Listed(Glob glob, Optional<String> framework) {}

    private record Found(SourceFile file, FileText text, Recognition recognition) {}

    /** Ups before the downs of the same version: applying a change, then undoing it. */
    private static int directionRank(Direction direction) {
        return switch (direction) {
            case UP, UP_AND_DOWN, REPEATABLE -> 0;
            case DOWN -> 1;
        };
    }

    /**
     * Alembic revisions are ordered by their {@code down_revision} links, not their (random) ids:
     * each changed revision gets its position in a topological order of the changed revisions,
     * ties and cycles broken by path.
     */
    private static void orderAlembicRevisions(List<Found> found) {
        var revisions = new HashMap<String, Integer>();
        var alembic = new ArrayList<Integer>();
        for (int i = 0; i < found.size(); i++) {
            Recognition r = found.get(i).recognition();
            if (r.framework() == Framework.ALEMBIC) {
                alembic.add(i);
                int index = i;
                r.version().ifPresent(v -> revisions.putIfAbsent(v, index));
            }
        }
        Map<Integer, List<Integer>> children = new HashMap<>();
        Map<Integer, Integer> unplacedParents = new HashMap<>();
        for (int i : alembic) {
            int parents = 0;
            for (String parent : found.get(i).recognition().runsAfter()) {
                Integer p = revisions.get(parent);
                if (p != null && p != i) {
                    children.computeIfAbsent(p, k -> new ArrayList<>()).add(i);
                    parents++;
                }
            }
            unplacedParents.put(i, parents);
        }
        Comparator<Integer> byPath = Comparator.comparing(i -> found.get(i).file().path());
        var ready = new PriorityQueue<>(byPath);
        alembic.stream().filter(i -> unplacedParents.get(i) == 0).forEach(ready::add);
        int position = 0;
        while (!unplacedParents.isEmpty()) {
            // An empty queue with files left means a cycle: go on with its first file by path.
            int next = ready.isEmpty() ? unplacedParents.keySet().stream().min(byPath).orElseThrow() : ready.poll();
            unplacedParents.remove(next);
            Found f = found.get(next);
            found.set(next, new Found(f.file(), f.text(), f.recognition().withOrderParts(List.of(Integer.toString(position++)))));
            for (int child : children.getOrDefault(next, List.of())) {
                Integer left = unplacedParents.computeIfPresent(child, (k, count) -> count - 1);
                if (left != null && left == 0) {
                    ready.add(child);
                }
            }
        }
    }
}

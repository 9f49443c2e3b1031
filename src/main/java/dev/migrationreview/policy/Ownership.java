package dev.migrationreview.policy;

import dev.migrationreview.config.Glob;
import dev.migrationreview.config.PolicyConfig.Area;
import dev.migrationreview.operation.TableRef;
import java.util.List;
import java.util.Optional;

/**
 * The configured areas, compiled: which area owns a table (by its table globs) and which claims a
 * file (by its path globs). Areas are tried in the order written and the first match wins, so a
 * catch-all area goes last.
 */
final class Ownership {

    private record CompiledArea(Area area, List<TableGlob> tables, List<Glob> paths) {}

    private final List<CompiledArea> areas;

    Ownership(List<Area> areas) {
        this.areas = areas.stream().map(a -> new CompiledArea(a, a.tables().stream().map(TableGlob::compile).toList(),
                a.paths().stream().map(Glob::compile).toList())).toList();
    }

    boolean configured() {
        return !areas.isEmpty();
    }

    Optional<Area> ofTable(TableRef table) {
        return areas.stream().filter(a -> a.tables().stream().anyMatch(g -> g.matches(table))).map(CompiledArea::area).findFirst();
    }

    Optional<Area> ofPath(String path) {
        return areas.stream().filter(a -> a.paths().stream().anyMatch(g -> g.matches(path))).map(CompiledArea::area).findFirst();
    }
}

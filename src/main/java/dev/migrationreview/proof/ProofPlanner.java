package dev.migrationreview.proof;

import dev.migrationreview.config.ProofConfig;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.discovery.FileTree;
import dev.migrationreview.discovery.MigrationDiscovery;
import dev.migrationreview.discovery.MigrationFile;
import dev.migrationreview.discovery.SourceFile;
import dev.migrationreview.frontend.Frontends;
import dev.migrationreview.frontend.ParsedMigration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Works out what a proof applies: the base branch's migrations (every migration in the folders
 * the change touches, as they are on the base branch, in framework order), preceded by the
 * configured schema dump, and then the change's own migrations.
 */
public final class ProofPlanner {

    private final MigrationDiscovery discovery;
    private final Frontends frontends;

    public ProofPlanner(MigrationDiscovery discovery, Frontends frontends) {
        this.discovery = discovery;
        this.frontends = frontends;
    }

    /** The migrations that build the base state, in the order they run. */
    public List<ParsedMigration> baseState(List<MigrationFile> change, FileTree base, ReviewConfig config, ProofConfig settings) {
        Set<String> folders = new LinkedHashSet<>();
        for (MigrationFile migration : change) {
            folders.add(folderOf(migration.path()));
        }
        var files = new ArrayList<SourceFile>();
        for (String folder : folders) {
            for (String path : base.list(folder)) {
                base.read(path).ifPresent(files::add);
            }
        }
        var parsed = new ArrayList<ParsedMigration>();
        settings.baseSchema().flatMap(base::read).flatMap(dump -> schemaDump(dump, config)).ifPresent(parsed::add);
        for (MigrationFile migration : discovery.discover(files, base, config)) {
            frontends.forFramework(migration.framework()).map(f -> f.parse(migration, base)).ifPresent(parsed::add);
        }
        return parsed;
    }

    /** A schema dump is read as a plain SQL migration so it is split exactly like migrations are. */
    private Optional<ParsedMigration> schemaDump(SourceFile dump, ReviewConfig config) {
        var asMigrations = discovery.discover(List.of(dump), FileTree.EMPTY, withDumpAsMigration(config, dump.path()));
        return asMigrations.stream().findFirst()
                .flatMap(m -> frontends.forFramework(m.framework()).map(f -> f.parse(m, FileTree.EMPTY)));
    }

    private static ReviewConfig withDumpAsMigration(ReviewConfig config, String path) {
        var globs = new ArrayList<>(config.migrations());
        globs.add(new ReviewConfig.MigrationGlob(path, Optional.of("sql")));
        return new ReviewConfig(config.database(), config.databaseVersion(), globs, List.of(), config.rules(),
                config.timeoutsSetByRunner());
    }

    private static String folderOf(String path) {
        int slash = path.lastIndexOf('/');
        if (slash < 0) {
            return "";
        }
        String folder = path.substring(0, slash);
        // Diesel and Prisma keep one migration per folder: their siblings are one level up.
        if (path.endsWith("/up.sql") || path.endsWith("/down.sql") || path.endsWith("/migration.sql")) {
            int parent = folder.lastIndexOf('/');
            return parent < 0 ? "" : folder.substring(0, parent);
        }
        return folder;
    }
}

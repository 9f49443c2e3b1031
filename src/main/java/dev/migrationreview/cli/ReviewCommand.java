package dev.migrationreview.cli;

import dev.migrationreview.config.ConfigLoader;
import dev.migrationreview.config.ConfigResult;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.discovery.SourceFile;
import dev.migrationreview.report.ReviewReport;
import dev.migrationreview.report.Verdict;
import dev.migrationreview.review.Engines;
import dev.migrationreview.review.ReviewResult;
import dev.migrationreview.rule.RuleCatalog;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.snapshot.LocalGitSnapshot;
import dev.migrationreview.snapshot.PullRequestSnapshot;
import dev.migrationreview.snapshot.WorkingTreeSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code review}: by default, what a pull request from HEAD into the default branch would
 * contain; with paths, those files (folders recursively) as they are in the working tree.
 */
@Command(name = "review", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Reviews the migrations a pull request from HEAD into the default branch would change.",
                "With PATHs, reviews those files (folders recursively) as they are in the working tree.",
                "Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage or internal error."})
final class ReviewCommand implements Callable<Integer> {

    private static final int MIN_PG_VERSION = 9;
    private static final int MAX_PG_VERSION = 99;

    @Spec
    CommandSpec spec;

    @Option(names = "--base", paramLabel = "REF",
            description = "The branch the pull request goes into (default: origin/HEAD, else main, else master).")
    Optional<String> base;

    @Option(names = "--head", paramLabel = "REF", description = "The pull request's last commit (default: HEAD).")
    Optional<String> head;

    @Option(names = "--repo", paramLabel = "DIR",
            description = "The repository (default: the one containing the current folder).")
    Optional<Path> repo;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration to use instead of .github/migration-review.yml from the base revision.")
    Optional<Path> configFile;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "text, markdown, json or sarif (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--fail-on", defaultValue = "error", paramLabel = "LEVEL",
            description = "Exit 1 when a finding is at least this severe: error, warning, notice or never (default: ${DEFAULT-VALUE}).")
    FailOn failOn;

    @Option(names = "--database", paramLabel = "NAME", converter = DatabaseKindConverter.class,
            description = "Judge every migration as this database (postgresql, mysql, mariadb, ...) instead of inferring it.")
    Optional<DatabaseKind> database;

    @Option(names = "--pg-version", paramLabel = "N", description = "The PostgreSQL major version migrations run on (default: 16); implies --database postgresql.")
    Optional<Integer> pgVersion;

    @Option(names = "--each-file", description = "With PATHs: review every file on its own, as a migration that already ran "
            + "(every table it touches holds rows), as when linting a whole folder. By default the files form one change.")
    boolean eachFile;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Files or folders to review from the working tree.")
    List<Path> paths = new ArrayList<>();

    @Override
    public Integer call() {
        if (!paths.isEmpty() && (base.isPresent() || head.isPresent())) {
            throw new UserError("--base and --head choose commits to compare; PATH arguments review files as they are "
                    + "in the working tree. Use one or the other.");
        }
        if (eachFile && paths.isEmpty()) {
            throw new UserError("--each-file applies to PATH arguments; a pull request is always one change");
        }
        var catalog = RuleCatalog.builtIn();
        Path directory = repo.orElse(Path.of(""));
        PullRequestSnapshot snapshot = paths.isEmpty()
                ? LocalGitSnapshot.open(directory, base, head)
                : WorkingTreeSnapshot.of(repo, paths);
        ConfigResult loaded = ConfigFiles.load(configFile, snapshot, catalog);
        ReviewConfig config = withOverrides(loaded.effective());
        var scope = eachFile ? ChangeScope.EACH_FILE : ChangeScope.WHOLE_SNAPSHOT;
        ReviewResult result = ChangeScope.review(Engines.standard(), scope.inputs(snapshot, config));
        Verdict verdict = failOn.verdict(result);
        var report = new ReviewReport(snapshot.description(), result, verdict, loaded.errors());
        boolean colour = spec.commandLine().getColorScheme().ansi().enabled();
        var out = spec.commandLine().getOut();
        out.print(format.renderer(catalog, colour).render(report));
        out.flush();
        return verdict.failed() ? ExitCodes.FINDINGS : ExitCodes.CLEAN;
    }

    private ReviewConfig withOverrides(ReviewConfig config) {
        if (pgVersion.isPresent() && (pgVersion.get() < MIN_PG_VERSION || pgVersion.get() > MAX_PG_VERSION)) {
            throw new UserError("--pg-version " + pgVersion.get() + " is not a PostgreSQL major version ("
                    + MIN_PG_VERSION + " to " + MAX_PG_VERSION + ")");
        }
        Optional<DatabaseKind> kind = database.or(config::database);
        if (pgVersion.isPresent() && kind.isPresent() && !kind.get().isPostgres()) {
            throw new UserError("--pg-version applies to PostgreSQL, but the database is " + kind.get().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (pgVersion.isPresent()) {
            // A version is only meaningful for a known kind: naming a PostgreSQL version says the database is PostgreSQL.
            kind = Optional.of(DatabaseKind.POSTGRESQL);
        }
        return new ReviewConfig(kind, pgVersion.or(config::databaseVersion), config.migrations(), config.exclude(),
                config.rules(), config.timeoutsSetByRunner());
    }

    /** Accepts the names config files use (postgres, pg, mysql, mariadb, ...). */
    static final class DatabaseKindConverter implements picocli.CommandLine.ITypeConverter<DatabaseKind> {
        @Override
        public DatabaseKind convert(String value) {
            return DatabaseKind.fromName(value).orElseThrow(() -> new picocli.CommandLine.TypeConversionException(
                    "unknown database '" + value + "'; use postgresql, mysql, mariadb, sqlite, h2, sqlserver, db2, cockroachdb or oracle"));
        }
    }
}

package dev.migrationreview.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.migrationreview.config.ProofConfig;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.discovery.PathDiscovery;
import dev.migrationreview.frontend.BuiltInFrontends;
import dev.migrationreview.frontend.ParsedMigration;
import dev.migrationreview.proof.ProofChecks;
import dev.migrationreview.proof.ProofPlanner;
import dev.migrationreview.proof.ProofReport;
import dev.migrationreview.proof.ProofRunner;
import dev.migrationreview.proof.ProofServer;
import dev.migrationreview.report.ProofMarkdown;
import dev.migrationreview.review.Engines;
import dev.migrationreview.review.ReviewInput;
import dev.migrationreview.rule.Finding;
import dev.migrationreview.rule.RuleCatalog;
import dev.migrationreview.rule.Severity;
import dev.migrationreview.snapshot.LocalGitSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code prove}: applies the base branch's migrations and then the pull request's to a throwaway
 * embedded PostgreSQL, and reports the locks each statement took, rewrites, the rollback and plans.
 */
@Command(name = "prove", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Proves a pull request's migrations on a throwaway PostgreSQL (embedded; nothing to install):",
                "the locks each statement takes, rewrites, errors, whether the rollback restores the schema,",
                "and the plans of critical queries. Exit status: 0 clean, 1 an error-level finding, 2 usage or internal error."})
final class ProveCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--base", paramLabel = "REF", description = "The branch the pull request goes into (default: origin/HEAD, else main, else master).")
    Optional<String> base;

    @Option(names = "--head", paramLabel = "REF", description = "The pull request's last commit (default: HEAD).")
    Optional<String> head;

    @Option(names = "--repo", paramLabel = "DIR", description = "The repository (default: the one containing the current folder).")
    Optional<Path> repo;

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration to use instead of .github/migration-review.yml from the base revision.")
    Optional<Path> configFile;

    @Option(names = "--format", defaultValue = "markdown", paramLabel = "FORMAT", description = "markdown or json (default: ${DEFAULT-VALUE}).")
    ProofFormat format;

    @Option(names = "--volume", paramLabel = "TABLE=ROWS", description = "Synthetic rows for an existing table, so locks and plans reflect size (repeatable, filled in order).")
    Map<String, Long> volume = new java.util.LinkedHashMap<>();

    @Option(names = "--query", paramLabel = "NAME=SQL", description = "A critical query whose plan must not regress (repeatable).")
    Map<String, String> queries = new java.util.LinkedHashMap<>();

    @Option(names = "--work-dir", paramLabel = "DIR", description = "Where the embedded PostgreSQL unpacks and keeps its data (default: a folder under the system's temporary directory).")
    Optional<Path> workDir;

    enum ProofFormat { markdown, json }

    @Override
    public Integer call() throws IOException {
        var catalog = RuleCatalog.builtIn();
        LocalGitSnapshot snapshot = LocalGitSnapshot.open(repo.orElse(Path.of("")), base, head);
        ReviewConfig config = ConfigFiles.load(configFile, snapshot, catalog).effective();
        List<ParsedMigration> change = Engines.standard().review(new ReviewInput(snapshot.headContents(), snapshot.headTree(), config))
                .files().stream().flatMap(f -> f.parsed().stream()).toList();
        ProofConfig settings = settings();
        var planner = new ProofPlanner(new PathDiscovery(), BuiltInFrontends.all());
        List<ParsedMigration> baseState = planner.baseState(change.stream().map(ParsedMigration::file).toList(),
                snapshot.baseTree(), config, settings);
        ProofReport report;
        try (ProofServer server = ProofServer.embedded(workDir.orElse(Path.of(System.getProperty("java.io.tmpdir"), "migration-review-pg")))) {
            report = new ProofRunner(server).prove(baseState, change, settings);
        }
        List<Finding> findings = ProofChecks.findings(report, change.isEmpty() ? "" : change.getFirst().file().path());
        var out = spec.commandLine().getOut();
        out.print(switch (format) {
            case markdown -> ProofMarkdown.render(report);
            case json -> json(report, findings);
        });
        out.flush();
        boolean failed = report.failure().isPresent() || findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
        return failed ? ExitCodes.FINDINGS : ExitCodes.CLEAN;
    }

    private ProofConfig settings() {
        var defaults = ProofConfig.defaults();
        var critical = queries.entrySet().stream()
                .map(q -> new ProofConfig.CriticalQuery("command line", q.getKey(), q.getValue())).toList();
        return new ProofConfig(ProofConfig.Mode.ALWAYS, Optional.empty(), Optional.empty(), volume, critical,
                defaults.costFactor(), defaults.statementTimeout(), defaults.lockTimeout(), defaults.wallClock());
    }

    private static String json(ProofReport report, List<Finding> findings) {
        var mapper = new ObjectMapper().registerModule(new Jdk8Module()).registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);
        try {
            return mapper.writeValueAsString(Map.of("proof", report, "findings", findings)) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

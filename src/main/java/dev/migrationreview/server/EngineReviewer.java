package dev.migrationreview.server;

import dev.migrationreview.command.Decisions;
import dev.migrationreview.command.MigrationBlobs;
import dev.migrationreview.config.ConfigLoader;
import dev.migrationreview.config.ConfigResult;
import dev.migrationreview.config.ConfigSource;
import dev.migrationreview.config.Glob;
import dev.migrationreview.config.InvalidGlobException;
import dev.migrationreview.config.ProofConfig;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.discovery.SourceFile;
import dev.migrationreview.frontend.ParsedMigration;
import dev.migrationreview.policy.PolicyEvaluator;
import dev.migrationreview.policy.PolicyVerdict.Conclusion;
import dev.migrationreview.policy.PolicyVerdict;
import dev.migrationreview.policy.PullRequest;
import dev.migrationreview.proof.ProofChecks;
import dev.migrationreview.proof.ProofReport;
import dev.migrationreview.proof.ProofService;
import dev.migrationreview.report.ReviewReport;
import dev.migrationreview.report.Verdict;
import dev.migrationreview.review.ReviewEngine;
import dev.migrationreview.review.ReviewInput;
import dev.migrationreview.review.ReviewResult;
import dev.migrationreview.rule.RuleCatalog;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.snapshot.PullRequestSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The App's review: configuration from the pull request's base (with the organisation default and
 * {@code extends}; a broken file is reported and the review runs on defaults), the engine, and the
 * policy's verdict, which decides the check, with the slash-command decisions that still hold.
 */
public final class EngineReviewer implements SnapshotReviewer {

    private final ReviewEngine engine;
    private final ConfigLoader loader;
    private final Optional<ProofService> proofs;

    /** @param proofs runs database proofs when the configuration or a {@code plan} command asks; empty: never */
    public EngineReviewer(ReviewEngine engine, RuleCatalog catalog, Optional<ProofService> proofs) {
        this.engine = engine;
        this.loader = ConfigLoader.checkingRuleIds(catalog.docs().stream().map(RuleDoc::id).collect(Collectors.toSet()));
        this.proofs = proofs;
    }

    @Override
    public ReviewReport review(PullRequestSnapshot snapshot, PolicyInputs policy) {
        PullRequest pr = policy.pullRequest();
        ConfigResult config = config(snapshot.baseConfig(), pr.repository(), policy.configs());
        ReviewResult reviewed = engine.review(new ReviewInput(snapshot.headContents(), snapshot.headTree(), config.effective()));
        Optional<ProofReport> proof = wantsProof(config.proof(), policy.proofRequested())
                ? proofs.map(service -> service.prove(parsed(reviewed), snapshot.baseTree(), config.effective(), config.proof()))
                : Optional.empty();
        ReviewResult found = proof.map(p -> withProofFindings(reviewed, p)).orElse(reviewed);
        // Slash-command decisions that still match the migrations: overrides accept findings, approvals
        // count like reviews, a hold fails the check.
        Decisions decisions = Decisions.judge(policy.decisions(), MigrationBlobs.of(found));
        ReviewResult result = decisions.accept(found);
        PolicyVerdict verdict = decisions.held(new PolicyEvaluator(config.policy(), policy.teams(), policy.history())
                .evaluate(decisions.withApprovals(pr), result, config.errors()));
        boolean passes = verdict.conclusion() == Conclusion.SUCCESS || verdict.conclusion() == Conclusion.NEUTRAL;
        String reason = verdict.reasons().isEmpty() ? "Nothing stands in the way." : String.join("; ", verdict.reasons()) + ".";
        return new ReviewReport(snapshot.description(), new ReviewResult(result.files(), verdict.findings()),
                new Verdict(passes ? Verdict.Outcome.PASS : Verdict.Outcome.FAIL, reason), config.errors(), Optional.of(verdict),
                proof);
    }

    private static boolean wantsProof(ProofConfig settings, boolean requested) {
        return switch (settings.mode()) {
            case ALWAYS -> true;
            case ON_REQUEST -> requested;
            case NEVER -> false;
        };
    }

    private static List<ParsedMigration> parsed(ReviewResult result) {
        return result.files().stream().flatMap(f -> f.parsed().stream()).toList();
    }

    /** The proof's findings join the engine's, so the policy weighs them like any other. */
    private static ReviewResult withProofFindings(ReviewResult result, ProofReport proof) {
        String first = result.files().isEmpty() ? "" : result.files().getFirst().file().path();
        var findings = new ArrayList<>(result.findings());
        findings.addAll(ProofChecks.findings(proof, first));
        return new ReviewResult(result.files(), findings);
    }

    @Override
    public ConfigResult config(Optional<SourceFile> config, String repository, ConfigSource configs) {
        return loader.resolve(repository, config, configs);
    }

    @Override
    public Predicate<String> configuredMigrations(Optional<SourceFile> config, String repository, ConfigSource configs) {
        var globs = new ArrayList<Glob>();
        for (ReviewConfig.MigrationGlob migration : config(config, repository, configs).effective().migrations()) {
            try {
                globs.add(Glob.compile(migration.glob()));
            } catch (InvalidGlobException e) {
                // The loader reports an invalid glob as a config error; it just selects nothing here.
            }
        }
        return path -> globs.stream().anyMatch(glob -> glob.matches(path));
    }
}

package dev.migrationreview.proof;

import dev.migrationreview.config.ProofConfig;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.discovery.FileTree;
import dev.migrationreview.discovery.MigrationDiscovery;
import dev.migrationreview.frontend.Frontends;
import dev.migrationreview.frontend.ParsedMigration;
import dev.migrationreview.redaction.Redaction;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proofs for a long-running process (the App): one embedded PostgreSQL started on the first
 * proof and kept for the next, one proof at a time (each in its own throwaway database), or the
 * staging server a repository names when the operator allowed its host.
 */
public final class ProofService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProofService.class);

    private final Path workingDirectory;
    private final Set<String> allowedHosts;
    private final ProofPlanner planner;
    private ProofServer embedded;

    /**
     * @param allowedHosts hosts of proof servers the operator allows repositories to name
     *                     (MIGRATION_REVIEW_PROOF_HOSTS); an entry that is no host name or IP address is refused here
     */
    public ProofService(Path workingDirectory, Set<String> allowedHosts, MigrationDiscovery discovery, Frontends frontends) {
        this.workingDirectory = workingDirectory;
        this.allowedHosts = allowedHosts.stream().map(ProofService::allowedHost).collect(Collectors.toUnmodifiableSet());
        this.planner = new ProofPlanner(discovery, frontends);
    }

    private static String allowedHost(String entry) {
        try {
            return StagingServerUrl.normalizeHost(entry);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("MIGRATION_REVIEW_PROOF_HOSTS: '" + entry + "' is not a host name or IP address");
        }
    }

    /** Proves the change's migrations on top of the base branch's; a proof that cannot run says why in its report. */
    public synchronized ProofReport prove(List<ParsedMigration> change, FileTree base, ReviewConfig config, ProofConfig settings) {
        long started = System.nanoTime();
        try {
            List<ParsedMigration> baseState = planner.baseState(change.stream().map(ParsedMigration::file).toList(), base,
                    config, settings);
            if (settings.serverUrl().isPresent()) {
                try (ProofServer server = ProofServer.configured(settings.serverUrl().get(), credentials(), allowedHosts)) {
                    return new ProofRunner(server).prove(baseState, change, settings);
                }
            }
            return new ProofRunner(embedded()).prove(baseState, change, settings);
        } catch (IOException | RuntimeException e) {
            // The report reaches the pull request: a driver's message must not carry a credential there either.
            String reason = Redaction.redact(e.getMessage());
            LOG.warn("database proof failed to run: {}", reason);
            return ProofReport.failed("PostgreSQL", Duration.ofNanos(System.nanoTime() - started),
                    "the proof could not run: " + reason);
        }
    }

    private ProofServer embedded() throws IOException {
        if (embedded == null) {
            embedded = ProofServer.embedded(workingDirectory);
        }
        return embedded;
    }

    /** The staging server's credentials come from the operator's environment, never from the repository. */
    private static Properties credentials() {
        var properties = new Properties();
        Optional.ofNullable(System.getenv("MIGRATION_REVIEW_PROOF_USER")).ifPresent(u -> properties.setProperty("user", u));
        Optional.ofNullable(System.getenv("MIGRATION_REVIEW_PROOF_PASSWORD")).ifPresent(p -> {
            Redaction.remember(p);
            properties.setProperty("password", p);
        });
        return properties;
    }

    @Override
    public synchronized void close() throws IOException {
        if (embedded != null) {
            embedded.close();
            embedded = null;
        }
    }
}

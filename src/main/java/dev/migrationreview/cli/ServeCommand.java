package dev.migrationreview.cli;

import dev.migrationreview.discovery.PathDiscovery;
import dev.migrationreview.frontend.BuiltInFrontends;
import dev.migrationreview.github.AppCredentials;
import dev.migrationreview.github.GitHubSettings;
import dev.migrationreview.healing.HealingSettings;
import dev.migrationreview.inbox.RetryPolicy;
import dev.migrationreview.inbox.WorkerSettings;
import dev.migrationreview.proof.ProofService;
import dev.migrationreview.review.Engines;
import dev.migrationreview.rule.RuleCatalog;
import dev.migrationreview.server.BotServer;
import dev.migrationreview.server.EngineReviewer;
import dev.migrationreview.server.LogSetup;
import dev.migrationreview.server.Secret;
import dev.migrationreview.server.ServerSettings;
import dev.migrationreview.store.Store;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code serve}: runs the GitHub App. Secrets come from the environment or from files, never from
 * the command line (where other users of the machine could read them).
 */
@Command(name = "serve", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Runs the GitHub App: receives webhooks, reviews pull requests and posts the results.",
                "Without App credentials it runs in local mode and shows reviews on its own pages.",
                "",
                "Secrets: GITHUB_PRIVATE_KEY (PEM, PKCS#1 or PKCS#8) or GITHUB_PRIVATE_KEY_FILE; WEBHOOK_SECRET or",
                "WEBHOOK_SECRET_FILE; MIGRATION_REVIEW_ADMIN_TOKEN or its _FILE; DATABASE_PASSWORD or its _FILE."})
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "${env:PORT:-3000}", description = "Port to listen on (env PORT; default 3000).")
    int port;

    @Option(names = "--host", defaultValue = "0.0.0.0", description = "Address to listen on (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--public-url", defaultValue = "${env:MIGRATION_REVIEW_PUBLIC_URL}",
            description = "How GitHub and browsers reach this server, e.g. https://review.example.com (env MIGRATION_REVIEW_PUBLIC_URL).")
    Optional<String> publicUrl;

    @Option(names = "--data-dir", defaultValue = "${env:MIGRATION_REVIEW_DATA:-migration-review-data}",
            description = "Folder for the embedded store, the HTTP cache and a generated webhook secret (env MIGRATION_REVIEW_DATA).")
    Path dataDir;

    @Option(names = "--database-url", defaultValue = "${env:DATABASE_URL}",
            description = "A jdbc:postgresql:// URL to keep the store in PostgreSQL instead (env DATABASE_URL).")
    Optional<String> databaseUrl;

    @Option(names = "--database-user", defaultValue = "${env:DATABASE_USER}", description = "PostgreSQL user (env DATABASE_USER).")
    Optional<String> databaseUser;

    @Option(names = "--app-id", defaultValue = "${env:GITHUB_APP_ID}", description = "The GitHub App's id (env GITHUB_APP_ID).")
    Optional<Long> appId;

    @Option(names = "--private-key-file", defaultValue = "${env:GITHUB_PRIVATE_KEY_FILE}",
            description = "The App's private key as downloaded from GitHub (env GITHUB_PRIVATE_KEY_FILE).")
    Optional<Path> privateKeyFile;

    @Option(names = "--github-api-url", defaultValue = "${env:GITHUB_API_URL:-https://api.github.com}",
            description = "GitHub's API; for GitHub Enterprise Server https://HOST/api/v3 (env GITHUB_API_URL).")
    String githubApiUrl;

    @Option(names = "--write-interval", defaultValue = "${env:MIGRATION_REVIEW_WRITE_INTERVAL_MS:-1000}",
            description = "Milliseconds between two write requests of one installation (default 1000).")
    long writeIntervalMillis;

    @Option(names = "--command-prefix", defaultValue = "${env:MIGRATION_REVIEW_COMMAND_PREFIX:-/migration-review}",
            description = "What starts a slash command in a pull request comment (env MIGRATION_REVIEW_COMMAND_PREFIX; "
                    + "default ${DEFAULT-VALUE}).")
    String commandPrefix;

    @Option(names = "--workers", defaultValue = "4", description = "Pull requests reviewed at the same time (default ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--max-attempts", defaultValue = "8", description = "Attempts before a failing delivery is parked (default ${DEFAULT-VALUE}).")
    int maxAttempts;

    @Option(names = "--instance-id", defaultValue = "${env:MIGRATION_REVIEW_INSTANCE_ID}",
            description = "Names this replica in the job queue, unique among running replicas "
                    + "(env MIGRATION_REVIEW_INSTANCE_ID; default: host name and process id).")
    Optional<String> instanceId;

    @Option(names = "--take-over-after", defaultValue = "${env:MIGRATION_REVIEW_TAKE_OVER_AFTER_MS:-30000}",
            description = "Milliseconds a replica may stay silent before another takes over the work it picked "
                    + "(env MIGRATION_REVIEW_TAKE_OVER_AFTER_MS; default ${DEFAULT-VALUE}).")
    long takeOverAfterMillis;

    @Option(names = "--retention-days", defaultValue = "${env:MIGRATION_REVIEW_RETENTION_DAYS:-30}",
            description = "Days finished deliveries and full review reports are kept; parked deliveries three times as long "
                    + "(env MIGRATION_REVIEW_RETENTION_DAYS; default ${DEFAULT-VALUE}).")
    int retentionDays;

    @Option(names = "--reconcile-minutes", defaultValue = "${env:MIGRATION_REVIEW_RECONCILE_MINUTES:-5}",
            description = "Minutes between two runs of the delivery reconciler, which has GitHub redeliver failed webhook "
                    + "deliveries; 0 turns it off (env MIGRATION_REVIEW_RECONCILE_MINUTES; default ${DEFAULT-VALUE}).")
    int reconcileMinutes;

    @Option(names = "--sweep-minutes", defaultValue = "${env:MIGRATION_REVIEW_SWEEP_MINUTES:-15}",
            description = "Minutes between two runs of the sweep that reviews open pull requests whose check is missing; "
                    + "0 turns it off (env MIGRATION_REVIEW_SWEEP_MINUTES; default ${DEFAULT-VALUE}).")
    int sweepMinutes;

    @Option(names = "--log-format", defaultValue = "json", converter = LogFormatConverter.class,
            description = "json (one object per line) or text (default ${DEFAULT-VALUE}).")
    LogSetup.Format logFormat;

    @Override
    public Integer call() throws IOException, InterruptedException {
        LogSetup.install(logFormat);
        Map<String, String> env = System.getenv();
        // A PEM in an environment variable often arrives with its line breaks written as "\n".
        Optional<String> key = secret(env, "GITHUB_PRIVATE_KEY").map(pem -> pem.replace("\\n", "\n"))
                .or(() -> privateKeyFile.map(ServeCommand::read));
        if (appId.isPresent() != key.isPresent()) {
            throw new IllegalArgumentException("a GitHub App needs both its id (GITHUB_APP_ID) and its private key "
                    + "(GITHUB_PRIVATE_KEY or GITHUB_PRIVATE_KEY_FILE); only one was given");
        }
        Optional<AppCredentials> credentials;
        try {
            credentials = appId.map(id -> AppCredentials.fromPem(id, key.orElseThrow()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("GitHub App credentials: " + e.getMessage());
        }
        Optional<Store.StoreSettings> database = databaseUrl.filter(url -> !url.isBlank()).map(url ->
                new Store.StoreSettings(url, databaseUser.orElse(""), secret(env, "DATABASE_PASSWORD").orElse("")));
        var github = GitHubSettings.defaults(githubApiUrl, Optional.of(dataDir.resolve("http-cache")))
                .withWriteInterval(Duration.ofMillis(writeIntervalMillis));
        String instance = instanceId.filter(s -> !s.isBlank())
                .orElseGet(() -> hostName() + "-" + ProcessHandle.current().pid());
        var workerSettings = new WorkerSettings(workers, instance, Duration.ofMillis(takeOverAfterMillis), Duration.ofSeconds(1),
                new RetryPolicy(maxAttempts, Duration.ofSeconds(5), Duration.ofMinutes(15)));
        var settings = new ServerSettings(host, port, publicUrl.filter(s -> !s.isBlank()),
                secret(env, "WEBHOOK_SECRET").map(Secret::new), secret(env, "MIGRATION_REVIEW_ADMIN_TOKEN").map(Secret::new),
                dataDir, database, github, credentials, workerSettings, commandPrefix, Duration.ofDays(retentionDays),
                HealingSettings.every(Duration.ofMinutes(reconcileMinutes), Duration.ofMinutes(sweepMinutes)));
        var proofs = new ProofService(dataDir.resolve("proof-postgres"), proofHosts(env), new PathDiscovery(), BuiltInFrontends.all());
        var reviewer = new EngineReviewer(Engines.standard(), RuleCatalog.builtIn(), Optional.of(proofs));
        BotServer server = BotServer.start(settings, reviewer, Clock.systemUTC());
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            closeQuietly(proofs);
            stopped.countDown();
        }, "migration-review-shutdown"));
        stopped.await();
        return 0;
    }

    static final class LogFormatConverter implements picocli.CommandLine.ITypeConverter<LogSetup.Format> {
        @Override
        public LogSetup.Format convert(String value) {
            return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "json" -> LogSetup.Format.JSON;
                case "text" -> LogSetup.Format.TEXT;
                default -> throw new picocli.CommandLine.TypeConversionException("use json or text, not '" + value + "'");
            };
        }
    }

    /** {@code NAME} from the environment, or the content of the file {@code NAME_FILE} names. */
    private static Optional<String> secret(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value != null && !value.isBlank()) {
            return Optional.of(value);
        }
        String file = env.get(name + "_FILE");
        return file == null || file.isBlank() ? Optional.empty() : Optional.of(read(Path.of(file)).strip());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "migration-review";
        }
    }

    /** Staging servers a repository's configuration may name for proofs: the operator's list, comma-separated. */
    private static Set<String> proofHosts(Map<String, String> env) {
        return Arrays.stream(env.getOrDefault("MIGRATION_REVIEW_PROOF_HOSTS", "").split(","))
                .map(String::strip).filter(h -> !h.isEmpty()).collect(Collectors.toSet());
    }

    private static void closeQuietly(ProofService proofs) {
        try {
            proofs.close();
        } catch (IOException e) {
            // Shutting down: the embedded server's process ends with ours.
        }
    }
}

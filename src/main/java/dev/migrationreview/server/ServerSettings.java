package dev.migrationreview.server;

import dev.migrationreview.command.CommandParser;
import dev.migrationreview.github.AppCredentials;
import dev.migrationreview.github.GitHubSettings;
import dev.migrationreview.healing.HealingSettings;
import dev.migrationreview.inbox.WorkerSettings;
import dev.migrationreview.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything {@code serve} is configured with.
 *
 * @param publicUrl      how GitHub and browsers reach this server (for details pages and the manifest);
 *                       defaults to {@code http://localhost:<port>}
 * @param webhookSecret  empty: taken from the App registered through /setup, else generated into the data folder
 * @param adminToken     enables the admin endpoints (and guards /setup) when present
 * @param dataDir        the embedded store, the HTTP cache and a generated webhook secret live here
 * @param database       a PostgreSQL store instead of the embedded one
 * @param app            App credentials; empty: registered through /setup, else local mode
 * @param commandPrefix  what starts a slash command in a pull request comment
 * @param retention      how long finished deliveries and full reports are kept (see store.Retention)
 * @param healing        how often the delivery reconciler and the open pull request sweep run
 */
public record ServerSettings(
        String host,
        int port,
        Optional<String> publicUrl,
        Optional<Secret> webhookSecret,
        Optional<Secret> adminToken,
        Path dataDir,
        Optional<Store.StoreSettings> database,
        GitHubSettings github,
        Optional<AppCredentials> app,
        WorkerSettings workers,
        String commandPrefix,
        Duration retention,
        HealingSettings healing) {

    /** Finished deliveries and full reports are kept a month unless the operator says otherwise. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);

    public ServerSettings {
        if (retention.toHours() < 1) {
            throw new IllegalArgumentException("retention must be at least an hour");
        }
    }

    /**
     * Settings without scheduled healing jobs (they stay available from the admin endpoints): a
     * recurring job's first run is at start-up, which only {@code serve} should ask for.
     */
    public ServerSettings(String host, int port, Optional<String> publicUrl, Optional<Secret> webhookSecret,
                          Optional<Secret> adminToken, Path dataDir, Optional<Store.StoreSettings> database,
                          GitHubSettings github, Optional<AppCredentials> app, WorkerSettings workers, String commandPrefix,
                          Duration retention) {
        this(host, port, publicUrl, webhookSecret, adminToken, dataDir, database, github, app, workers, commandPrefix,
                retention, HealingSettings.off());
    }

    /** Settings with the default retention. */
    public ServerSettings(String host, int port, Optional<String> publicUrl, Optional<Secret> webhookSecret,
                          Optional<Secret> adminToken, Path dataDir, Optional<Store.StoreSettings> database,
                          GitHubSettings github, Optional<AppCredentials> app, WorkerSettings workers, String commandPrefix) {
        this(host, port, publicUrl, webhookSecret, adminToken, dataDir, database, github, app, workers, commandPrefix,
                DEFAULT_RETENTION);
    }

    /** Settings with the default command prefix, {@value CommandParser#DEFAULT_PREFIX}. */
    public ServerSettings(String host, int port, Optional<String> publicUrl, Optional<Secret> webhookSecret,
                          Optional<Secret> adminToken, Path dataDir, Optional<Store.StoreSettings> database,
                          GitHubSettings github, Optional<AppCredentials> app, WorkerSettings workers) {
        this(host, port, publicUrl, webhookSecret, adminToken, dataDir, database, github, app, workers,
                CommandParser.DEFAULT_PREFIX);
    }

    /** Webhook bodies up to GitHub's 25 MB are accepted, with room for the headers. */
    public static final long MAX_WEBHOOK_BYTES = 26L * 1024 * 1024;

    public Store.StoreSettings storeSettings() {
        return database.orElseGet(() -> Store.embedded(dataDir));
    }
}

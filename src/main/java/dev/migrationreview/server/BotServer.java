package dev.migrationreview.server;

import dev.migrationreview.command.CommandHandler;
import dev.migrationreview.command.CommandParser;
import dev.migrationreview.github.AppCredentials;
import dev.migrationreview.github.GitHubAccess;
import dev.migrationreview.github.GitHubSettings;
import dev.migrationreview.healing.DeliveryReconciler;
import dev.migrationreview.healing.Healing;
import dev.migrationreview.healing.OpenPullRequestSweep;
import dev.migrationreview.inbox.EventRouter;
import dev.migrationreview.inbox.Inbox;
import dev.migrationreview.inbox.RecurringJob;
import dev.migrationreview.inbox.WorkQueue;
import dev.migrationreview.github.WriteSlots;
import dev.migrationreview.redaction.Redaction;
import dev.migrationreview.rule.RuleCatalog;
import dev.migrationreview.store.AppRegistrations.AppRegistration;
import dev.migrationreview.store.DeliveryStatus;
import dev.migrationreview.store.ReviewRun;
import dev.migrationreview.store.Store;
import dev.migrationreview.store.StoredDelivery;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GitHub App server: webhook intake, the workers behind it, the details pages, the App
 * setup flow, health, readiness and metrics. Without App credentials it runs in local mode.
 */
public final class BotServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BotServer.class);
    private static final Pattern RUN_ID = Pattern.compile("[0-9a-f]{32}");

    private final Store store;
    private final GitHubAccess github;
    private final WorkQueue workers;
    private final PrometheusMeterRegistry metrics;
    private final Javalin http;
    private final String publicUrl;

    private BotServer(Store store, GitHubAccess github, WorkQueue workers, PrometheusMeterRegistry metrics, Javalin http,
                      String publicUrl) {
        this.store = store;
        this.github = github;
        this.workers = workers;
        this.metrics = metrics;
        this.http = http;
        this.publicUrl = publicUrl;
    }

    /** Opens the store (applying its migrations), resumes unfinished work and starts listening. */
    public static BotServer start(ServerSettings settings, SnapshotReviewer reviewer, Clock clock) {
        createDataDir(settings);
        var metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        new UptimeMetrics().bindTo(metrics);
        Store store = Store.open(settings.storeSettings(), clock);
        GitHubAccess github = null;
        WorkQueue workers = null;
        try {
            Optional<AppRegistration> registration = store.appRegistrations().find();
            Optional<AppCredentials> credentials = settings.app()
                    .or(() -> registration.map(r -> AppCredentials.fromPem(r.appId(), r.privateKeyPem())));
            var webhookSecret = new AtomicReference<>(webhookSecret(settings, registration));
            GitHubSettings githubSettings = settings.github();
            var pacing = store.writePacing();
            github = new GitHubAccess(githubSettings, credentials, new WriteSlots() {
                @Override
                public long reserve(long installationId, long intervalMillis, long notBeforeMillis) {
                    return pacing.reserve(installationId, intervalMillis, notBeforeMillis);
                }

                @Override
                public void pauseUntil(long installationId, long untilMillis) {
                    pacing.pauseUntil(installationId, untilMillis);
                }
            }, metrics, clock);
            // With port 0 the address is known only once the server listens.
            var publicUrl = new AtomicReference<>(settings.publicUrl().map(BotServer::withoutTrailingSlash)
                    .orElse("http://localhost:" + settings.port()));

            var commands = new CommandHandler(store, new CommandParser(settings.commandPrefix()), RuleCatalog.builtIn());
            var handler = new PullRequestReviewer(store, github, reviewer, publicUrl::get, commands);
            GitHubAccess access = github;
            var router = new EventRouter(access::appId, checkRunId -> store.reviewRuns().findByCheckRun(checkRunId)
                    .map(run -> new EventRouter.PullRequestOfCheck(run.repository(), run.pullNumber())),
                    commands.parser()::carriesCommand);
            // The sweep queues through the inbox, and the queue runs the sweep: the inbox reaches the queue once it exists.
            var queueOnceBuilt = new AtomicReference<WorkQueue>();
            var inbox = new Inbox(router, store.deliveries(), workKey -> queueOnceBuilt.get().enqueue(workKey));
            var healing = new Healing(access, store, inbox, settings.healing(), clock);
            var recurring = new ArrayList<RecurringJob>(List.of(pruning(store, settings.retention())));
            recurring.addAll(healing.recurringJobs());
            workers = new WorkQueue(store.dataSource(), store.deliveries(), handler, settings.workers(), recurring, metrics, clock);
            queueOnceBuilt.set(workers);
            WorkQueue queue = workers;
            var webhook = new WebhookEndpoint(webhookSecret::get, inbox, metrics);
            var adminToken = new AdminToken(settings.adminToken());
            var admin = new AdminEndpoints(adminToken, store.deliveries(), queue::enqueue);
            var setup = new SetupFlow(publicUrl::get, access, adminToken, access::hasApp, registered -> {
                store.appRegistrations().save(registered);
                access.useCredentials(AppCredentials.fromPem(registered.appId(), registered.privateKeyPem()));
                if (settings.webhookSecret().isEmpty()) {
                    webhookSecret.set(new Secret(registered.webhookSecret()));
                }
                LOG.info("GitHub App {} (id {}) registered through /setup", registered.slug(), registered.appId());
            }, clock);

            Javalin http = Javalin.create(config -> {
                config.startup.showJavalinBanner = false;
                config.concurrency.useVirtualThreads = true;
                config.http.maxRequestSize = ServerSettings.MAX_WEBHOOK_BYTES;
                config.jetty.host = settings.host();
                config.jetty.port = settings.port();
                config.routes.post("/webhook", webhook::handle);
                config.routes.get("/healthz", ctx -> ctx.json(Map.of("status", "ok")));
                config.routes.get("/readyz", ctx -> ready(ctx, store, queue));
                config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                        .result(metrics.scrape()));
                config.routes.get("/reviews/{id}", ctx -> details(ctx, store));
                config.routes.get("/", ctx -> {
                    Pages.secure(ctx);
                    ctx.html(Pages.index(access.hasApp(), access.hasApp() ? java.util.List.of() : store.reviewRuns().recent(50)));
                });
                config.routes.get("/setup", setup::form);
                config.routes.get("/setup/callback", setup::callback);
                for (String guarded : AdminEndpoints.GUARDED_PATHS) {
                    config.routes.before(guarded, admin::guard);
                }
                config.routes.get("/admin/deliveries", admin::list);
                config.routes.post("/admin/deliveries/{id}/retry", admin::retry);
                config.routes.post("/admin/reconcile", ctx -> admin.runNow(ctx, DeliveryReconciler.JOB, healing::available,
                        healing::reconcile));
                config.routes.post("/admin/sweep", ctx -> admin.runNow(ctx, OpenPullRequestSweep.JOB, healing::available,
                        healing::sweep));
                config.routes.exception(Exception.class, (e, ctx) -> {
                    LOG.error("request {} {} failed: {}", ctx.method(), ctx.path(), e.toString(), e);
                    ctx.status(500).json(Map.of("error", "internal error; the delivery was not stored, redeliver it"));
                });
                config.routes.after(BotServer::redactAnswer);
            }).start();
            if (settings.publicUrl().isEmpty()) {
                publicUrl.set("http://localhost:" + http.port());
            }
            workers.start();
            String mode = access.hasApp() ? "GitHub App " + access.appId().orElseThrow() : "local mode (no App credentials)";
            LOG.info("migration-review listening on {}:{} as {}; store {}", settings.host(), http.port(), mode,
                    settings.database().isPresent() ? "PostgreSQL" : "embedded in " + settings.dataDir());
            return new BotServer(store, github, workers, metrics, http, publicUrl.get());
        } catch (RuntimeException e) {
            if (workers != null) {
                workers.close();
            }
            if (github != null) {
                github.close();
            }
            store.close();
            throw e;
        }
    }

    /**
     * Every answer (error messages, admin output, details pages, metrics) passes through
     * {@link Redaction}, so a credential that found its way into a stored error or report is masked.
     */
    private static void redactAnswer(Context ctx) {
        String body = ctx.result();
        if (body != null) {
            String redacted = Redaction.redact(body);
            if (!redacted.equals(body)) {
                ctx.result(redacted);
            }
        }
    }

    private static RecurringJob pruning(Store store, Duration retention) {
        return new RecurringJob("prune-store", Duration.ofHours(1), () -> {
            var pruned = store.retention().prune(retention);
            if (pruned.deliveries() + pruned.reports() > 0) {
                LOG.info("pruned {} deliveries and {} reports older than {} days", pruned.deliveries(), pruned.reports(),
                        retention.toDays());
            }
        });
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static void createDataDir(ServerSettings settings) {
        try {
            Files.createDirectories(settings.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data folder " + settings.dataDir(), e);
        }
    }

    private static Secret webhookSecret(ServerSettings settings, Optional<AppRegistration> registration) {
        if (settings.webhookSecret().isPresent()) {
            return settings.webhookSecret().get();
        }
        if (registration.isPresent()) {
            return new Secret(registration.get().webhookSecret());
        }
        Secret generated = LocalSecret.loadOrCreate(settings.dataDir());
        LOG.warn("no webhook secret configured: using the one in {} (sign test deliveries with it, or set it as "
                + "the App's webhook secret)", settings.dataDir().resolve(LocalSecret.FILE));
        return generated;
    }

    private static void ready(Context ctx, Store store, WorkQueue workers) {
        boolean storeUp = store.isReachable();
        boolean workersUp = workers.isRunning();
        ctx.status(storeUp && workersUp ? 200 : 503)
                .json(Map.of("status", storeUp && workersUp ? "ready" : "not ready", "store", storeUp, "workers", workersUp));
    }

    private static void details(Context ctx, Store store) {
        Pages.secure(ctx);
        String id = ctx.pathParam("id");
        if (!RUN_ID.matcher(id).matches()) {
            ctx.status(404).html(Pages.page("Not found", "<h1>No such review</h1>"));
            return;
        }
        var report = store.reviewRuns().reportHtml(id);
        if (report.isPresent()) {
            ctx.html(report.get());
            return;
        }
        store.reviewRuns().find(id).ifPresentOrElse(
                run -> {
                    if (run.state() == ReviewRun.State.RUNNING) {
                        ctx.header("Refresh", "3").html(Pages.inProgress(run));
                    } else {
                        ctx.status(410).html(Pages.expired(run));
                    }
                },
                () -> ctx.status(404).html(Pages.page("Not found", "<h1>No such review</h1>")));
    }

    /** A stored delivery and its processing state. */
    public Optional<StoredDelivery> delivery(String deliveryId) {
        return store.deliveries().find(deliveryId);
    }

    /** Whether a delivery reached a final state: processed, coalesced into a newer one, or parked. */
    public boolean deliveryFinished(String deliveryId) {
        return delivery(deliveryId).map(d -> d.status() == DeliveryStatus.DONE || d.status() == DeliveryStatus.COALESCED
                || d.status() == DeliveryStatus.PARKED).orElse(false);
    }

    public int port() {
        return http.port();
    }

    public String publicUrl() {
        return publicUrl;
    }

    public OptionalLong appId() {
        return github.appId();
    }

    /** GitHub calls so far that count against the rate limit (answers other than 304). */
    public long countedGitHubCalls() {
        return github.calls().countedCalls();
    }

    public PrometheusMeterRegistry metrics() {
        return metrics;
    }

    /** Stops listening, lets the workers finish their current step, and closes the store. */
    @Override
    public void close() {
        http.stop();
        workers.close();
        github.close();
        store.close();
        metrics.close();
    }
}

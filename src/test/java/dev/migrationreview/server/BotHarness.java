package dev.migrationreview.server;

import dev.migrationreview.github.AppCredentials;
import dev.migrationreview.github.GitHubSettings;
import dev.migrationreview.inbox.RetryPolicy;
import dev.migrationreview.inbox.WorkerSettings;
import dev.migrationreview.review.Engines;
import dev.migrationreview.rule.RuleCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** A running bot on a random port, wired to a {@link GitHubFake}, and a client sending signed deliveries. */
final class BotHarness implements AutoCloseable {

    static final Secret SECRET = new Secret("It's a Secret to Everybody");
    static final long APP_ID = 4711;

    private final BotServer server;
    private final Optional<GitHubFake> github;
    private final HttpClient http = HttpClient.newHttpClient();

    private BotHarness(BotServer server, Optional<GitHubFake> github) {
        this.server = server;
        this.github = github;
    }

    static SnapshotReviewer engine() {
        return new EngineReviewer(Engines.standard(), RuleCatalog.builtIn(), Optional.empty());
    }

    static ServerSettings settings(GitHubFake github, Path dataDir, boolean app) {
        var githubSettings = new GitHubSettings(github.apiUrl(), Duration.ofMillis(10), Duration.ofSeconds(5),
                Optional.of(dataDir.resolve("http-cache")), 8L * 1024 * 1024, Duration.ofSeconds(10));
        var workers = new WorkerSettings(2, "test-instance", Duration.ofSeconds(5), Duration.ofMillis(50),
                new RetryPolicy(4, Duration.ofMillis(50), Duration.ofMillis(400)));
        return new ServerSettings("127.0.0.1", 0, Optional.empty(), Optional.of(SECRET), Optional.of(new Secret("admin-token")),
                dataDir, Optional.empty(), githubSettings,
                app ? Optional.of(AppCredentials.fromPem(APP_ID, TestKeys.PKCS8_PEM)) : Optional.empty(), workers);
    }

    /** A bot that talks to no GitHub, or to one whose state the test keeps itself. */
    static BotHarness start(ServerSettings settings) {
        return new BotHarness(BotServer.start(settings, engine(), Clock.systemUTC()), Optional.empty());
    }

    /** A bot whose deliveries also move {@code github}'s pull request, as GitHub's own webhooks follow its state. */
    static BotHarness start(GitHubFake github, ServerSettings settings) {
        return start(github, settings, engine());
    }

    static BotHarness start(GitHubFake github, ServerSettings settings, SnapshotReviewer reviewer) {
        return new BotHarness(BotServer.start(settings, reviewer, Clock.systemUTC()), Optional.of(github));
    }

    BotServer server() {
        return server;
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    HttpResponse<String> deliver(String event, String deliveryId, byte[] body) {
        github.ifPresent(fake -> fake.delivered(body));
        return post(event, deliveryId, body);
    }

    /** A delivery GitHub sent a while ago that arrives only now: GitHub's pull request has moved on since. */
    HttpResponse<String> deliverLate(String event, String deliveryId, byte[] body) {
        return post(event, deliveryId, body);
    }

    private HttpResponse<String> post(String event, String deliveryId, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(url("/webhook")))
                .header("Content-Type", "application/json")
                .header("X-GitHub-Event", event)
                .header("X-GitHub-Delivery", deliveryId)
                .header("X-Hub-Signature-256", WebhookSignature.sign(SECRET.bytes(), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).GET().build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until {@code condition} holds (the workers run asynchronously). */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what);
            }
        }
    }

    @Override
    public void close() {
        server.close();
    }
}

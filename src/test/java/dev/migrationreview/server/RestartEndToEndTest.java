package dev.migrationreview.server;

import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server process is killed (SIGKILL) in the middle of a review and started again on the same
 * store: once the dead process has been silent for the take-over time, the review completes, and the pull request gets one check run, one summary comment and
 * one review, as if nothing had happened.
 */
class RestartEndToEndTest {

    private static final Pattern LISTENING = Pattern.compile("listening on [^:]+:(\\d+)");

    @Test
    void aReviewInterruptedByAKilledServerCompletesExactlyOnceAfterARestart(@TempDir Path data) throws Exception {
        try (var github = new GitHubFake()) {
            AppReviewEndToEndTest.servePrisma(github, AppReviewEndToEndTest.BAD);
            // The first completion of the check run hangs: the server is killed while it waits.
            github.wireMock().stubFor(patch(urlPathEqualTo("/repos/" + GitHubFake.REPO + "/check-runs/" + GitHubFake.CHECK_RUN_ID))
                    .atPriority(1).inScenario("slow").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("answered")
                    .willReturn(GitHubFake.json(200, github.checkRun("completed")).withFixedDelay(6_000)));

            Server first = Server.start(github, data);
            first.deliver("pull_request", "opened-1", Fixtures.webhook("pull_request/opened.json"));
            BotHarness.await("the check run completion is on its way", Duration.ofSeconds(30),
                    () -> !github.requests("PATCH", ".*/check-runs/\\d+").isEmpty());
            first.kill();

            Server second = Server.start(github, data);
            try {
                BotHarness.await("the resumed review is posted", Duration.ofSeconds(30),
                        () -> !github.requests("POST", ".*/pulls/2/reviews").isEmpty());
                Thread.sleep(300);
                assertThat(github.requests("POST", ".*/check-runs")).as("one check run").hasSize(1);
                assertThat(github.bodies("PATCH", ".*/check-runs/\\d+")).filteredOn(b -> b.has("conclusion"))
                        .as("the interrupted completion and the resumed one").hasSize(2)
                        .allSatisfy(b -> assertThat(b.path("conclusion").asText()).isEqualTo("failure"));
                assertThat(github.requests("POST", ".*/issues/2/comments")).as("one summary comment").hasSize(1);
                assertThat(github.requests("POST", ".*/pulls/2/reviews")).as("one review").hasSize(1);
                assertThat(second.log()).contains("resuming 1 deliveries of pr:186853002#2 left running by a replica that stopped");
            } finally {
                second.kill();
            }
        }
    }

    /** The bot as its own operating-system process, started with `serve` like in production. */
    private static final class Server {
        private final Process process;
        private final int port;
        private final StringBuffer log;

        private Server(Process process, int port, StringBuffer log) {
            this.process = process;
            this.port = port;
            this.log = log;
        }

        static Server start(GitHubFake github, Path data) throws IOException, InterruptedException {
            String java = ProcessHandle.current().info().command().orElse("java");
            var builder = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                    "dev.migrationreview.cli.Main", "serve", "--port", "0", "--host", "127.0.0.1", "--data-dir", data.toString(),
                    "--log-format", "text", "--max-attempts", "3", "--take-over-after", "2000"));
            builder.environment().put("GITHUB_APP_ID", Long.toString(BotHarness.APP_ID));
            builder.environment().put("GITHUB_PRIVATE_KEY", TestKeys.PKCS8_PEM);
            builder.environment().put("WEBHOOK_SECRET", BotHarness.SECRET.value());
            builder.environment().put("GITHUB_API_URL", github.apiUrl());
            builder.environment().put("MIGRATION_REVIEW_WRITE_INTERVAL_MS", "10");
            builder.redirectErrorStream(true);
            Process process = builder.start();
            var log = new StringBuffer();
            var port = new CompletableFuture<Integer>();
            Thread.ofPlatform().daemon().start(() -> {
                try (var out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        log.append(line).append('\n');
                        Matcher listening = LISTENING.matcher(line);
                        if (listening.find()) {
                            port.complete(Integer.parseInt(listening.group(1)));
                        }
                    }
                } catch (IOException e) {
                    port.completeExceptionally(e);
                }
                port.completeExceptionally(new IllegalStateException("the server exited:\n" + log));
            });
            try {
                return new Server(process, port.get(60, TimeUnit.SECONDS), log);
            } catch (Exception e) {
                process.destroyForcibly();
                throw new IllegalStateException("the server did not start: " + e.getMessage() + "\n" + log, e);
            }
        }

        String log() {
            return log.toString();
        }

        void deliver(String event, String id, byte[] body) throws IOException, InterruptedException {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/webhook"))
                    .header("X-GitHub-Event", event).header("X-GitHub-Delivery", id)
                    .header("X-Hub-Signature-256", WebhookSignature.sign(BotHarness.SECRET.bytes(), body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(202);
        }

        /** SIGKILL: no shutdown hook, no chance to finish anything. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}

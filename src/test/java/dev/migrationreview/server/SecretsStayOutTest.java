package dev.migrationreview.server;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.migrationreview.cli.Main;
import dev.migrationreview.discovery.PathDiscovery;
import dev.migrationreview.frontend.BuiltInFrontends;
import dev.migrationreview.proof.ProofService;
import dev.migrationreview.redaction.Redaction;
import dev.migrationreview.review.Engines;
import dev.migrationreview.rule.RuleCatalog;
import dev.migrationreview.store.DeliveryStatus;
import dev.migrationreview.store.Store;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The App runs with known secrets and meets failures that would carry them (a forged signature,
 * GitHub answering 401 and 500 with the credentials it was sent in the message, a store URL and a
 * proof server URL with passwords in them): no secret value reaches a log line or an HTTP answer
 * (error responses, the admin endpoints, the details page, metrics) or the command line's errors.
 */
class SecretsStayOutTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ADMIN_TOKEN = "admin-token";
    private static final String PROOF_PASSWORD = "proof-pw-in-url";
    private static final String DATABASE_PASSWORD = "db-password-from-env";
    private static final String DATABASE_URL_PASSWORD = "db-password-in-url";
    private static final String CONFIG = """
            proof:
              mode: always
              server_url: "jdbc:postgresql://staging.example.com/snapshot?user=review&password=%s"
            """.formatted(PROOF_PASSWORD);

    @Test
    void noSecretReachesTheLogsOrAnyAnswer(@TempDir Path data) throws Exception {
        var answers = new ArrayList<String>();
        var sentCredentials = new ArrayList<String>();
        String logs = capturingLogs(() -> {
            try (var github = new GitHubFake()) {
                github.tree(Map.of(AppReviewEndToEndTest.REPO_DIR + "migration_lock.toml",
                        Fixtures.corpus(AppReviewEndToEndTest.CORPUS + "migration_lock.toml"),
                        PolicyEndToEndTest.CONFIG, CONFIG));
                github.files(2, AppReviewEndToEndTest.BAD);
                var proofs = new ProofService(data.resolve("proofs"), Set.of("staging.example.com"), new PathDiscovery(),
                        BuiltInFrontends.all());
                var reviewer = new EngineReviewer(Engines.standard(), RuleCatalog.builtIn(), Optional.of(proofs));
                try (var bot = BotHarness.start(github, BotHarness.settings(github, data, true), reviewer)) {
                    byte[] payload = Fixtures.webhook("pull_request/opened.json");
                    answers.add(bot.send(HttpRequest.newBuilder(URI.create(bot.url("/webhook")))
                            .header("X-GitHub-Event", "pull_request").header("X-GitHub-Delivery", "forged-1")
                            .header("X-Hub-Signature-256", WebhookSignature.sign("a guess".getBytes(StandardCharsets.UTF_8), payload))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(payload)).build()).body());

                    // GitHub refuses the App's JWT, quoting it back.
                    StubMapping refusedJwt = github.wireMock().stubFor(echoingAuthorization(
                            post(urlPathEqualTo("/app/installations/" + GitHubFake.INSTALLATION + "/access_tokens")), 401));
                    parked(bot, "jwt-echoed", payload);
                    github.wireMock().removeStub(refusedJwt);
                    // GitHub fails reading the pull request, quoting the installation token back.
                    StubMapping failingReads = github.wireMock().stubFor(echoingAuthorization(
                            get(urlPathMatching("/repos/" + GitHubFake.REPO + "/.*")), 500));
                    parked(bot, "token-echoed", payload);
                    github.wireMock().removeStub(failingReads);

                    bot.deliver("pull_request", "reviewed-1", payload);
                    BotHarness.await("the review completes", WAIT, () -> bot.server().deliveryFinished("reviewed-1"));
                    String details = github.bodies("POST", "/repos/" + GitHubFake.REPO + "/check-runs").getLast()
                            .path("details_url").asText();
                    String detailsPage = bot.get(URI.create(details).getPath()).body();
                    assertThat(detailsPage).as("the proof failed, saying why without the URL").contains("the proof could not run");
                    answers.add(detailsPage);

                    String parked = admin(bot, "/admin/deliveries?status=parked").body();
                    assertThat(parked).contains("jwt-echoed", "token-echoed", "upstream quoted", Redaction.MASK);
                    answers.add(parked);
                    answers.add(admin(bot, "/admin/deliveries?status=done").body());
                    answers.add(bot.get("/admin/deliveries?token=" + ADMIN_TOKEN).body());
                    answers.add(bot.get("/metrics").body());
                    github.events().forEach(event -> event.getRequest().getHeaders().all().stream()
                            .filter(h -> h.key().equalsIgnoreCase("Authorization"))
                            .forEach(h -> sentCredentials.add(h.firstValue().substring(h.firstValue().indexOf(' ') + 1))));
                    github.bodies("POST", "/repos/" + GitHubFake.REPO + "/check-runs").forEach(b -> answers.add(b.toString()));
                    github.bodies("PATCH", "/repos/" + GitHubFake.REPO + "/check-runs/\\d+").forEach(b -> answers.add(b.toString()));
                }
                proofs.close();
            }
        });

        assertThat(sentCredentials).as("the App's JWT and the installation token were both used")
                .anySatisfy(c -> assertThat(c).startsWith("eyJ")).contains(GitHubFake.TOKEN);
        assertThat(logs).contains("upstream quoted");
        for (String output : concat(logs, answers)) {
            assertThat(output).doesNotContain(BotHarness.SECRET.value()).doesNotContain(ADMIN_TOKEN)
                    .doesNotContain(PROOF_PASSWORD).doesNotContain(privateKeyLine());
            sentCredentials.forEach(credential -> assertThat(output).doesNotContain(credential));
        }
    }

    @Test
    void storePasswordsStayOutOfErrorsAndTheCommandLinesMessages(@TempDir Path data) throws Exception {
        var settings = new Store.StoreSettings("jdbc:postgresql://127.0.0.1:1/bot?user=review&password=" + DATABASE_URL_PASSWORD,
                "review", DATABASE_PASSWORD);
        assertThat(settings.toString()).doesNotContain(DATABASE_URL_PASSWORD).doesNotContain(DATABASE_PASSWORD);
        assertThatThrownBy(() -> Store.open(settings, Clock.systemUTC()))
                .satisfies(e -> assertThat(e.toString()).doesNotContain(DATABASE_URL_PASSWORD).doesNotContain(DATABASE_PASSWORD));

        var errors = new StringWriter();
        String logs = capturingLogs(() -> {
            for (String url : List.of("jdbc:postgresql://127.0.0.1:1/bot?password=" + DATABASE_URL_PASSWORD,
                    "jdbc:postgresql://review:" + DATABASE_URL_PASSWORD + "@127.0.0.1:1/bot",
                    "postgresql://review:" + DATABASE_URL_PASSWORD + "@127.0.0.1:1/bot")) {
                int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(errors, true), CommandLine.Help.Ansi.OFF,
                        "serve", "--port", "0", "--host", "127.0.0.1", "--data-dir", data.toString(), "--database-url", url,
                        "--reconcile-minutes", "0", "--sweep-minutes", "0");
                assertThat(code).isEqualTo(2);
            }
        });
        assertThat(errors.toString()).as("each start failed and said why").contains("unsupported database URL", "store:");
        assertThat(logs + errors).doesNotContain(DATABASE_URL_PASSWORD);
    }

    private static MappingBuilder echoingAuthorization(MappingBuilder request, int status) {
        return request.atPriority(1).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("{\"message\":\"upstream quoted {{request.headers.Authorization}}\"}")
                .withTransformers("response-template"));
    }

    private static void parked(BotHarness bot, String deliveryId, byte[] payload) {
        bot.deliver("pull_request", deliveryId, payload);
        BotHarness.await(deliveryId + " is parked", WAIT, () -> bot.server().delivery(deliveryId)
                .map(d -> d.status() == DeliveryStatus.PARKED).orElse(false));
    }

    private static HttpResponse<String> admin(BotHarness bot, String path) {
        return bot.send(HttpRequest.newBuilder(URI.create(bot.url(path))).header("Authorization", "Bearer " + ADMIN_TOKEN)
                .GET().build());
    }

    private static String privateKeyLine() {
        return TestKeys.PKCS8_PEM.lines().skip(1).findFirst().orElseThrow();
    }

    private static List<String> concat(String first, List<String> rest) {
        var all = new ArrayList<String>(List.of(first));
        all.addAll(rest);
        return all;
    }

    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }

    /** What the server logs (as JSON lines, the way {@code serve} logs) while {@code work} runs. */
    private static String capturingLogs(Work work) throws Exception {
        var captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            LogSetup.install(LogSetup.Format.JSON);
            work.run();
        } finally {
            System.setOut(original);
            JsonLogsTest.restoreTestLogging();
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}

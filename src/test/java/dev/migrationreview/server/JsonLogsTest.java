package dev.migrationreview.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The server's logs are JSON lines carrying the delivery's context, and never a secret. */
class JsonLogsTest {

    @Test
    void reviewLogsCarryTheDeliveryRepositoryPullRequestAndHeadButNoSecret(@TempDir Path data) throws Exception {
        var captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (var github = new GitHubFake()) {
            LogSetup.install(LogSetup.Format.JSON);
            AppReviewEndToEndTest.servePrisma(github, AppReviewEndToEndTest.BAD);
            try (var bot = BotHarness.start(github, BotHarness.settings(github, data, true))) {
                bot.deliver("pull_request", "logged-1", Fixtures.webhook("pull_request/opened.json"));
                BotHarness.await("the review completes", Duration.ofSeconds(30), () -> bot.server().deliveryFinished("logged-1"));
                byte[] unsigned = "{}".getBytes(StandardCharsets.UTF_8);
                bot.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(bot.url("/webhook")))
                        .header("X-Hub-Signature-256", "sha256=" + "0".repeat(64))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(unsigned)).build());
            }
        } finally {
            System.setOut(original);
            restoreTestLogging();
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        List<JsonNode> lines = output.lines().filter(line -> !line.isBlank()).map(line -> Fixtures.json(line.getBytes())).toList();
        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line.has("@timestamp") && line.has("level")).isTrue());
        JsonNode reviewed = lines.stream().filter(l -> l.path("message").asText().startsWith("reviewed Codertocat/Hello-World#2"))
                .findFirst().orElseThrow();
        assertThat(reviewed.path("delivery_id").asText()).isEqualTo("logged-1");
        assertThat(reviewed.path("repository").asText()).isEqualTo("Codertocat/Hello-World");
        assertThat(reviewed.path("pr_number").asText()).isEqualTo("2");
        assertThat(reviewed.path("head_sha").asText()).isEqualTo(AppReviewEndToEndTest.HEAD);
        String keyBody = TestKeys.PKCS8_PEM.lines().skip(1).findFirst().orElseThrow();
        assertThat(output).doesNotContain(BotHarness.SECRET.value()).doesNotContain(GitHubFake.TOKEN)
                .doesNotContain(keyBody).doesNotContain("admin-token").doesNotContain("Bearer ");
    }

    /** Puts back the tests' own logback configuration. */
    static void restoreTestLogging() throws Exception {
        var context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ContextInitializer(context).autoConfig();
    }
}

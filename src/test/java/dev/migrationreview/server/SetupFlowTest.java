package dev.migrationreview.server;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GitHub's App-manifest flow: /setup posts the manifest, /setup/callback exchanges the code for the App. */
class SetupFlowTest {

    @Test
    void theManifestFlowRegistersTheAppAndTheServerUsesItAtOnce(@TempDir Path data) throws Exception {
        try (var github = new GitHubFake()) {
            ObjectNode conversion = GitHubFake.JSON.createObjectNode()
                    .put("id", 31337).put("slug", "migration-review-test").put("node_id", "MDM6QXBwNTk=")
                    .put("name", "migration-review").put("html_url", "https://github.com/apps/migration-review-test")
                    .put("client_id", "Iv1.8a61f9b3a7aba766").put("client_secret", "1726be1638095a19edd134c77bde3aa2ece1e5d8")
                    .put("webhook_secret", "e340154128314309424b7c8e90325147d99fdafa")
                    .put("pem", TestKeys.PKCS8_PEM);
            conversion.putObject("owner").put("login", "octocat").put("type", "User");
            github.stub(post(urlPathEqualTo("/app-manifests/a180b1a3d263c81bc6441d7b990bae27d4c10679/conversions")), 201, conversion);
            var settings = BotHarness.settings(github, data, false);
            var open = new ServerSettings(settings.host(), 0, Optional.of("https://review.example.com"), Optional.empty(),
                    Optional.empty(), data, Optional.empty(), settings.github(), Optional.empty(), settings.workers());
            try (var bot = BotHarness.start(open)) {
                assertThat(bot.server().appId()).isEmpty();
                var form = bot.get("/setup");
                assertThat(form.statusCode()).isEqualTo(200);
                Matcher action = Pattern.compile("action=\"([^\"]+)\\?state=([0-9a-f]{32})\"").matcher(form.body());
                assertThat(action.find()).isTrue();
                assertThat(action.group(1)).isEqualTo(github.apiUrl() + "/settings/apps/new");
                Matcher manifest = Pattern.compile("name=\"manifest\" value=\"([^\"]+)\"").matcher(form.body());
                assertThat(manifest.find()).isTrue();
                JsonNode posted = GitHubFake.JSON.readTree(manifest.group(1).replace("&quot;", "\"").replace("&amp;", "&")
                        .replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">"));
                assertThat(posted.path("hook_attributes").path("url").asText()).isEqualTo("https://review.example.com/webhook");
                assertThat(posted.path("redirect_url").asText()).isEqualTo("https://review.example.com/setup/callback");
                JsonNode file = new YAMLMapper().readTree(Files.readString(Path.of("app-manifest.yml")));
                assertThat(posted.path("default_permissions")).isEqualTo(file.path("default_permissions"));
                assertThat(posted.path("default_permissions").path("checks").asText()).isEqualTo("write");
                assertThat(posted.path("default_permissions").path("members").asText()).isEqualTo("read");
                assertThat(posted.path("default_events")).isEqualTo(file.path("default_events"));

                assertThat(bot.get("/setup/callback?code=a180b1a3d263c81bc6441d7b990bae27d4c10679&state=forged").statusCode())
                        .isEqualTo(400);
                var done = bot.get("/setup/callback?code=a180b1a3d263c81bc6441d7b990bae27d4c10679&state=" + action.group(2));
                assertThat(done.statusCode()).isEqualTo(200);
                assertThat(done.body()).contains("migration-review-test")
                        .contains("https://github.com/apps/migration-review-test/installations/new")
                        .doesNotContain("PRIVATE KEY").doesNotContain("e340154128314309424b7c8e90325147d99fdafa");
                assertThat(bot.server().appId()).hasValue(31337);
                assertThat(bot.get("/setup").body()).contains("Already set up");

                // The webhook secret from GitHub now signs deliveries.
                byte[] body = "{\"zen\":\"Design for failure.\"}".getBytes();
                var signed = bot.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(bot.url("/webhook")))
                        .header("X-GitHub-Event", "ping").header("X-GitHub-Delivery", "ping-after-setup")
                        .header("X-Hub-Signature-256", WebhookSignature.sign("e340154128314309424b7c8e90325147d99fdafa".getBytes(), body))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build());
                assertThat(signed.statusCode()).isEqualTo(202);
            }
            try (var restarted = BotHarness.start(open)) {
                assertThat(restarted.server().appId()).as("the registration is kept in the store").hasValue(31337);
            }
        }
    }

    @Test
    void anAdminTokenGuardsTheSetupPageAndTheBrowserAsksForIt(@TempDir Path data) {
        try (var github = new GitHubFake(); var bot = BotHarness.start(github, BotHarness.settings(github, data, false))) {
            var refused = bot.get("/setup");
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic "));
            assertThat(setup(bot, "", "admin-token").statusCode()).isEqualTo(200);
            assertThat(setup(bot, "", "wrong-token").statusCode()).isEqualTo(401);
            assertThat(setup(bot, "?organization=../evil", "admin-token").statusCode()).isEqualTo(400);
            assertThat(setup(bot, "?organization=octo-org", "admin-token").body())
                    .contains(github.apiUrl() + "/organizations/octo-org/settings/apps/new?state=");
            assertThat(bot.get("/setup?token=admin-token").statusCode())
                    .as("the token in the address would stay in proxies' logs and the browser's history").isEqualTo(401);
        }
    }

    /** {@code /setup} as a browser opens it after asking for the token: Basic, any user name, the token as password. */
    private static HttpResponse<String> setup(BotHarness bot, String query, String token) {
        String credentials = Base64.getEncoder().encodeToString(("operator:" + token).getBytes(StandardCharsets.UTF_8));
        return bot.send(HttpRequest.newBuilder(URI.create(bot.url("/setup" + query)))
                .header("Authorization", "Basic " + credentials).GET().build());
    }
}

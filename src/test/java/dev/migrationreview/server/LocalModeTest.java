package dev.migrationreview.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without App credentials the bot still reviews signed deliveries and shows the result on its own pages. */
class LocalModeTest {

    @Test
    void aSignedDeliveryIsReviewedAndShownOnTheDetailsPageWithoutPostingAnything(@TempDir Path data) throws Exception {
        try (var github = new GitHubFake()) {
            AppReviewEndToEndTest.servePrisma(github, AppReviewEndToEndTest.BAD);
            try (var bot = BotHarness.start(github, BotHarness.settings(github, data, false))) {
                assertThat(bot.server().appId()).isEmpty();
                bot.deliver("pull_request", "local-1", Fixtures.webhook("pull_request/opened.json"));
                BotHarness.await("the local review finishes", Duration.ofSeconds(30),
                        () -> bot.server().deliveryFinished("local-1"));
                assertThat(bot.server().delivery("local-1").orElseThrow().outcome().orElseThrow())
                        .startsWith("reviewed in local mode: " + bot.server().publicUrl() + "/reviews/");

                assertThat(github.events()).isNotEmpty().allSatisfy(e -> {
                    assertThat(e.getRequest().getMethod().value()).isEqualTo("GET");
                    assertThat(e.getRequest().containsHeader("Authorization")).isFalse();
                });

                String index = bot.get("/").body();
                assertThat(index).contains("Local mode").contains("Codertocat/Hello-World#2");
                Matcher link = Pattern.compile("href=\"(/reviews/[0-9a-f]{32})\"").matcher(index);
                assertThat(link.find()).isTrue();
                var page = bot.get(link.group(1));
                assertThat(page.statusCode()).isEqualTo(200);
                assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'none'");
                assertThat(page.body()).contains("Migration review: changes needed")
                        .contains("add-column-required-no-default").contains("ADD COLUMN     &quot;type&quot; TEXT NOT NULL");
                assertThat(bot.get("/reviews/0123456789abcdef0123456789abcdef").statusCode()).isEqualTo(404);
                assertThat(bot.get("/reviews/..%2Fsecret").statusCode()).isEqualTo(404);
            }
        }
    }

    @Test
    void withoutAConfiguredSecretOneIsGeneratedOnceIntoTheDataFolder(@TempDir Path data) throws Exception {
        try (var github = new GitHubFake()) {
            var settings = BotHarness.settings(github, data, false);
            var unsigned = new ServerSettings(settings.host(), 0, settings.publicUrl(), java.util.Optional.empty(),
                    settings.adminToken(), data, settings.database(), settings.github(), settings.app(), settings.workers());
            String secret;
            try (var bot = BotHarness.start(unsigned)) {
                secret = Files.readString(data.resolve("webhook-secret")).strip();
                assertThat(secret).matches("[0-9a-f]{64}");
                assertThat(Files.getPosixFilePermissions(data.resolve("webhook-secret")))
                        .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                                java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
            }
            try (var bot = BotHarness.start(unsigned)) {
                assertThat(Files.readString(data.resolve("webhook-secret")).strip()).isEqualTo(secret);
            }
        }
    }
}

package dev.migrationreview.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.server.GitHubFake.FakeFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The details page (the check run's details_url) in a real headless Chromium: the full review is
 * there, rendered, and text from the repository stays text. `.ci/run` installs Debian's chromium
 * when it is missing; without a browser this test fails and says how to get one.
 */
class DetailsPageBrowserTest {

    /** A migration whose names try to break out of the page. */
    static final String HOSTILE = """
            ALTER TABLE "<img src=x onerror=alert(1)>"
              ADD COLUMN "</code></pre><script>document.title='pwned'</script>" text NOT NULL;
            """;

    @Test
    void theFullReviewRendersInABrowserWithRepositoryTextEscaped(@TempDir Path data) throws Exception {
        Path chromium = chromium();
        try (var github = new GitHubFake()) {
            var files = new ArrayList<>(AppReviewEndToEndTest.BAD);
            files.add(FakeFile.added(AppReviewEndToEndTest.REPO_DIR + "20991231000000_hostile/migration.sql", HOSTILE));
            AppReviewEndToEndTest.servePrisma(github, files);
            try (var bot = BotHarness.start(github, BotHarness.settings(github, data, true))) {
                bot.deliver("pull_request", "browser-1", Fixtures.webhook("pull_request/opened.json"));
                BotHarness.await("the review completes", Duration.ofSeconds(30), () -> bot.server().deliveryFinished("browser-1"));
                String detailsUrl = github.bodies("POST", ".*/check-runs").getFirst().path("details_url").asText();
                String page = bot.url(detailsUrl.substring(bot.server().publicUrl().length()));

                String dom = run(chromium, data, "--dump-dom", page);
                assertThat(dom).contains("Migration review: changes needed")
                        .contains("20230518193521_changes/migration.sql")
                        .contains("add-column-required-no-default")
                        .contains("CREATE INDEX CONCURRENTLY");
                assertThat(dom.split("class=\"finding ", -1).length - 1).as("one block per finding").isGreaterThanOrEqualTo(6);
                assertThat(dom).as("no element came from the repository").doesNotContain("<script").doesNotContain("<img");
                assertThat(dom).contains("&lt;img src=x onerror=alert(1)&gt;")
                        .contains("&lt;/code&gt;&lt;/pre&gt;&lt;script&gt;document.title='pwned'&lt;/script&gt;");
                assertThat(dom).contains("<title>Migration review: Codertocat/Hello-World#2");

                Path screenshot = data.resolve("details.png");
                run(chromium, data, "--screenshot=" + screenshot, "--window-size=1200,2000", page);
                byte[] png = Files.readAllBytes(screenshot);
                assertThat(png).startsWith(0x89, 'P', 'N', 'G');
                assertThat(png.length).as("a page with content, not a blank one").isGreaterThan(20_000);
            }
        }
    }

    /** Debian's chromium (or CHROME_BIN); `.ci/run` installs it. */
    static Path chromium() {
        Optional<Path> found = Stream.concat(Stream.ofNullable(System.getenv("CHROME_BIN")).map(Path::of),
                        Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                                .flatMap(dir -> Stream.of("chromium", "chromium-browser", "google-chrome")
                                        .map(name -> Path.of(dir, name))))
                .filter(Files::isExecutable).findFirst();
        return found.orElseThrow(() -> new AssertionError("no headless browser: install Debian's chromium "
                + "(apt-get install chromium, as .ci/run does) or set CHROME_BIN"));
    }

    static String run(Path chromium, Path profile, String... arguments) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--user-data-dir=" + profile.resolve("chromium-profile")));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("chromium finishes").isTrue();
        assertThat(process.exitValue()).as("chromium exit status").isZero();
        return new String(out, StandardCharsets.UTF_8);
    }
}

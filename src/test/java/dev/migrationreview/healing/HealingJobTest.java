package dev.migrationreview.healing;

import dev.migrationreview.github.GitHubAccess;
import dev.migrationreview.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** What every healing job test runs against: WireMock as GitHub, a fresh embedded store, access as the App, a hand-moved clock. */
abstract class HealingJobTest {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static HealingGitHub github;

    @TempDir
    Path data;
    final ManualClock clock = new ManualClock(NOW);
    Store store;
    GitHubAccess access;

    @BeforeAll
    static void startGitHub() {
        github = new HealingGitHub();
    }

    @AfterAll
    static void stopGitHub() {
        github.close();
    }

    @BeforeEach
    void openStoreAndAccess() {
        github.reset();
        store = Store.open(Store.embedded(data), clock);
        access = github.access(clock);
    }

    @AfterEach
    void closeStoreAndAccess() {
        access.close();
        store.close();
    }

    static Instant ago(Duration duration) {
        return NOW.minus(duration);
    }
}

package dev.migrationreview.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.server.WebhookFuzzer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small fixed slice of each fuzzer, so the suite keeps what the fuzzers found fixed: the same
 * cases every run (fixed seed), a few of every category. {@code bash bench/fuzz.sh} runs them for
 * minutes with fresh seeds.
 */
class FuzzSliceTest {

    private static final long SEED = 20_261_207;
    /** Generous: the slice guards against hangs and exceptions, and CI machines are slower than the fuzzer's 5 s assume. */
    private static final Duration ENGINE_CASE_TIMEOUT = Duration.ofSeconds(20);

    private static Path shared() {
        Path shared = Path.of(System.getProperty("shared.dir", "../shared"));
        assertThat(shared.resolve("corpus")).as("the shared folder (set -Dshared.dir)").isDirectory();
        return shared;
    }

    /** Cases 0 to {@code perCategory - 1} of every category, then the fuzzer's checks after a run. */
    private static FuzzTally slice(Fuzzer fuzzer, int perCategory) {
        var tally = new FuzzTally();
        long started = System.nanoTime();
        for (String category : fuzzer.categories()) {
            for (long number = 0; number < perCategory; number++) {
                fuzzer.run(new FuzzCase(fuzzer.name(), SEED, number, List.of(category)), tally);
            }
        }
        fuzzer.checkAfterRun(tally);
        tally.took(fuzzer.name(), Duration.ofNanos(System.nanoTime() - started));
        return tally;
    }

    @Test
    void theEngineSurvivesASliceOfEveryKindOfInput() {
        try (var fuzzer = EngineFuzzer.create(shared(), ENGINE_CASE_TIMEOUT, Optional.empty())) {
            FuzzTally tally = slice(fuzzer, 1);

            assertThat(tally.failures()).as(tally.report()).isEmpty();
            assertThat(tally.cases(EngineFuzzer.NAME)).isEqualTo(fuzzer.categories().size());
        }
    }

    @Test
    void theWebhookEndpointAnswersASliceOfEveryKindOfRequestAndStillReviews(@TempDir Path data) throws Exception {
        try (var fuzzer = WebhookFuzzer.inProcess(shared(), Files.createDirectories(data.resolve("bot")))) {
            FuzzTally tally = slice(fuzzer, 2);

            assertThat(tally.failures()).as(tally.report()).isEmpty();
            assertThat(tally.cases(WebhookFuzzer.NAME)).isGreaterThanOrEqualTo(2L * fuzzer.categories().size());
        }
    }
}

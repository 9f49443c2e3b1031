package dev.migrationreview.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files no migration should be, reviewed end to end: each is a finding or a clear error, never a crash. */
class BadInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private JsonNode reviewJson(Path file) throws Exception {
        var run = CommandLineRun.of("review", "--repo", dir.toString(), "--format", "json", file.toString());
        assertThat(run.exitCode()).as(run.err()).isIn(0, 1);
        assertThat(run.err()).isEmpty();
        return JSON.readTree(run.out());
    }

    private Path write(String path, byte[] content) throws Exception {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        return Files.write(file, content);
    }

    @Test
    void aBinaryMigrationIsAFindingNotACrash() throws Exception {
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        noise[10] = 0;

        JsonNode root = reviewJson(write("db/migration/V1__blob.sql", noise));

        assertThat(root.get("findings")).singleElement().satisfies(f -> {
            assertThat(f.get("rule").asText()).isEqualTo("unreadable-file");
            assertThat(f.get("message").asText()).contains("binary");
        });
    }

    @Test
    void invalidUtf8IsReportedOnItsLineAndTheRestIsStillReviewed() throws Exception {
        byte[] latin1 = "CREATE INDEX idx_users_name ON users (name);\n-- caf\u00e9\nCREATE INDEX idx_users_city ON users (city);\n"
                .getBytes(StandardCharsets.ISO_8859_1);

        JsonNode root = reviewJson(write("db/migration/V1__latin1.sql", latin1));

        assertThat(root.get("findings").findValuesAsText("rule")).contains("unreadable-file", "create-index-non-concurrently");
        assertThat(root.at("/files/0/statements").asInt()).isEqualTo(2);
    }

    @Test
    void aFiveMegabyteMigrationIsReviewedToItsLastLine() throws Exception {
        var text = new StringBuilder();
        String comment = "-- " + "x".repeat(96) + "\n";
        int lines = 5 * 1024 * 1024 / comment.length();
        text.append(comment.repeat(lines));
        text.append("CREATE INDEX idx_orders_created_at ON orders (created_at);\n");

        JsonNode root = reviewJson(write("db/migration/V1__huge.sql", text.toString().getBytes(StandardCharsets.UTF_8)));

        assertThat(root.get("findings")).anySatisfy(f -> {
            assertThat(f.get("rule").asText()).isEqualTo("create-index-non-concurrently");
            assertThat(f.get("line").asInt()).isEqualTo(lines + 1);
        });
    }

    @Test
    void anEmptyMigrationIsReviewedQuietly() throws Exception {
        JsonNode root = reviewJson(write("db/migration/V1__empty.sql", new byte[0]));

        assertThat(root.at("/summary/files").asInt()).isEqualTo(1);
        assertThat(root.at("/files/0/statements").asInt()).isZero();
    }
}

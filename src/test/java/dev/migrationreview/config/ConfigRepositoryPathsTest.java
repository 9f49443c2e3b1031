package dev.migrationreview.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.discovery.SourceFile;
import java.util.ArrayList;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files a configuration names, in its own repository or in another one, are paths inside that
 * repository; anything else is a configuration error with its line, and nothing is read.
 */
class ConfigRepositoryPathsTest {

    private static final String FILE = ReviewConfig.DEFAULT_PATH;
    private final ConfigLoader loader = ConfigLoader.acceptingAnyRuleId();

    @ParameterizedTest
    @ValueSource(strings = {"../../etc/passwd", "/etc/passwd", "file:///etc/passwd", "..\\..\\etc\\passwd",
            "%2e%2e/%2e%2e/etc/passwd", "db/../../secrets.sql", "C:\\schema.sql"})
    void filesTheConfigurationNamesMustBeInsideTheRepository(String path) {
        ConfigResult result = loader.load(FILE, """
                proof:
                  base_schema: '%s'
                table_sizes:
                  stats_file: '%s'
                """.formatted(path, path));

        assertThat(result.errors()).extracting(ConfigError::render).containsExactly(
                FILE + ":2:16: 'proof.base_schema' must name a file inside the repository, relative to its root "
                        + "(such as db/structure.sql), not '" + path + "'",
                FILE + ":4:15: 'table_sizes.stats_file' must name a file inside the repository, relative to its root "
                        + "(such as db/structure.sql), not '" + path + "'");
        assertThat(result.proof().baseSchema()).isEmpty();
    }

    @Test
    void filesInsideAreReadAsTheirPlainPath() {
        ConfigResult result = loader.load(FILE, "proof:\n  base_schema: ./db/old/../structure.sql\n");
        assertThat(result.errors()).isEmpty();
        assertThat(result.proof().baseSchema()).contains("db/structure.sql");
    }

    @ParameterizedTest
    @ValueSource(strings = {"'repo:../secrets.yml'", "'repo:/etc/passwd'", "'repo:..\\..\\x.yml'", "'repo:%2e%2e/x.yml'",
            "'..'", "'acme/..'", "'acme/.'", "'file:///etc/passwd'", "'https://evil.example/x.yml'"})
    void extendsNamesARepositoryAndAPathInsideIt(String reference) {
        var asked = new ArrayList<String>();
        ConfigSource repositories = (repository, path) -> {
            asked.add(repository + ":" + path);
            return Optional.of(SourceFile.of(path, "rules: {}\n"));
        };
        ConfigResult result = loader.resolve("acme/shop", Optional.of(SourceFile.of(FILE, "extends: " + reference + "\n")),
                repositories);

        assertThat(result.errors()).singleElement().satisfies(e -> assertThat(e.message())
                .contains("must name a repository as repo, owner/repo, or repo:path/to/file.yml"));
        assertThat(asked).as("nothing is read").isEmpty();
    }
}

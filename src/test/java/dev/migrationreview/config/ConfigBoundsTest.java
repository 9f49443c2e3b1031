package dev.migrationreview.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a repository's configuration cannot make the bot do: hang on a regular expression, or
 * match an unbounded number of globs. Each attempt is a configuration error with its file and line.
 */
class ConfigBoundsTest {

    private static final String FILE = ReviewConfig.DEFAULT_PATH;
    private final ConfigLoader loader = ConfigLoader.acceptingAnyRuleId();

    @ParameterizedTest
    @ValueSource(strings = {"(a+)+$", "(a*)*b", "([a-z]+_?)*$", "^(\\w+\\s?)*$", "(x+x+)+y", "((a+)+)+$", "(.*a){12}",
            "a*a*a*a*a*a*b"})
    void regularExpressionsThatBacktrackWithoutEndAreRefusedWithTheirLine(String pattern) {
        ConfigResult result = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> loader.load(FILE, """
                conventions:
                  tables: '%s'
                """.formatted(pattern)));

        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.render()).startsWith(FILE + ":2:11: 'conventions.tables': '" + pattern + "' ");
            assertThat(error.message()).containsAnyOf("exponentially many ways", "backtracks without end");
        });
        assertThat(result.policy().conventions().tables()).isEmpty();
    }

    @Test
    void saneRegularExpressionsAreAccepted() {
        ConfigResult result = loader.load(FILE, """
                conventions:
                  tables: '[a-z][a-z0-9_]*'
                  indexes: '(ix|ux)_[a-z0-9_]+'
                  constraints: '(pk|fk|ck|uq)_[a-z0-9]+(_[a-z0-9]+)*'
                  columns: '.*.*.*[a-z]'
                """);
        assertThat(result.errors()).isEmpty();
    }

    @Test
    void aRegularExpressionLongerThanTheLimitIsRefused() {
        String pattern = "a".repeat(BoundedRegex.MAX_PATTERN_LENGTH + 1);
        ConfigResult result = loader.load(FILE, "conventions:\n  tables: " + pattern + "\n");
        assertThat(result.errors()).extracting(ConfigError::render).containsExactly(
                FILE + ":2:11: 'conventions.tables': '" + pattern + "' is longer than " + BoundedRegex.MAX_PATTERN_LENGTH
                        + " characters");
    }

    @Test
    void aConfigurationMayHoldOnlySoManyGlobs() {
        List<String> globs = new ArrayList<>();
        for (int i = 0; i <= ConfigReading.MAX_GLOBS; i++) {
            globs.add("\"db/" + i + "/**\"");
        }
        ConfigResult result = loader.load(FILE, "exclude: [" + String.join(", ", globs) + "]\n");
        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.file()).isEqualTo(FILE);
            assertThat(error.line()).isEqualTo(1);
            assertThat(error.message()).contains("at most " + ConfigReading.MAX_GLOBS + " globs");
        });

        String longGlob = "\"" + "*a".repeat(500) + "\"";
        List<String> longGlobs = new ArrayList<>();
        for (int i = 0; i < ConfigReading.MAX_GLOB_CHARACTERS / 1000 + 1; i++) {
            longGlobs.add(longGlob);
        }
        assertThat(loader.load(FILE, "exclude: [" + String.join(", ", longGlobs) + "]\n").errors()).singleElement()
                .satisfies(error -> assertThat(error.message()).contains(ConfigReading.MAX_GLOB_CHARACTERS + " characters in all"));
    }
}

package dev.migrationreview.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            db/migrations/*.sql          | db/migrations/V1__init.sql          | true
            db/migrations/*.sql          | db/migrations/sub/V1__init.sql      | false
            db/migrations/*.sql          | other/db/migrations/V1__init.sql    | false
            db/**/*.sql                  | db/V1.sql                           | true
            db/**/*.sql                  | db/a/b/c/V1.sql                     | true
            db/**/*.sql                  | dbx/V1.sql                          | false
            **/migrations/*.sql          | migrations/1.sql                    | true
            **/migrations/*.sql          | a/b/migrations/1.sql                | true
            **/migrations/*.sql          | a/b/migrations/x/1.sql              | false
            db/**                        | db/a/b.sql                          | true
            db/**                        | dbx/a.sql                           | false
            db/                          | db/a/b.sql                          | true
            *.sql                        | V1.sql                              | true
            *.sql                        | deep/folder/V1.sql                  | true
            *.sql                        | deep/folder/V1.sql.bak              | false
            V?__*.sql                    | db/V1__a.sql                        | true
            V?__*.sql                    | db/V12__a.sql                       | false
            a/?/b                        | a/x/b                               | true
            a/?/b                        | a//b                                | false
            a/**b                        | a/x/yb                              | true
            db/{mysql,postgres}/*.sql    | db/mysql/1.sql                      | true
            db/{mysql,postgres}/*.sql    | db/postgres/1.sql                   | true
            db/{mysql,postgres}/*.sql    | db/sqlite/1.sql                     | false
            db/{a,b/{c,d}}/x             | db/b/d/x                            | true
            db/{a,b/{c,d}}/x             | db/b/x                              | false
            *.{sql,xml}                  | x/changelog.xml                     | true
            {,db/}x.sql                  | x.sql                               | true
            {,db/}x.sql                  | db/x.sql                            | true
            db/V[0-9]*.sql               | db/V7__x.sql                        | true
            db/V[0-9]*.sql               | db/Vx__x.sql                        | false
            db/V[!0-9]*.sql              | db/Vx__x.sql                        | true
            db/V[^0-9]*.sql              | db/V1__x.sql                        | false
            db/[]]x                      | db/]x                               | true
            db/[a-]x                     | db/-x                               | true
            a[/]b                        | a/b                                 | false
            db/\\*.sql                   | db/*.sql                            | true
            db/\\*.sql                   | db/x.sql                            | false
            /db/*.sql                    | db/x.sql                            | true
            ./db/*.sql                   | ./db/x.sql                          | true
            db/*.sql                     | /db/x.sql                           | true
            """)
    void matches(String pattern, String path, boolean expected) {
        assertThat(Glob.compile(pattern).matches(path)).isEqualTo(expected);
    }

    @Test
    void malformedPatternsNameTheProblemAndPosition() {
        assertThatThrownBy(() -> Glob.compile("db/{a,b"))
                .isInstanceOfSatisfying(InvalidGlobException.class, e -> {
                    assertThat(e.index()).isEqualTo(3);
                    assertThat(e.reason()).isEqualTo("'{' is never closed");
                });
        assertThatThrownBy(() -> Glob.compile("db/[a-z"))
                .isInstanceOfSatisfying(InvalidGlobException.class, e -> assertThat(e.reason()).contains("'[' is never closed"));
        assertThatThrownBy(() -> Glob.compile("db/a}"))
                .isInstanceOfSatisfying(InvalidGlobException.class, e -> assertThat(e.index()).isEqualTo(4));
        assertThatThrownBy(() -> Glob.compile("db/[z-a]"))
                .isInstanceOfSatisfying(InvalidGlobException.class, e -> assertThat(e.reason()).contains("runs backwards"));
        assertThatThrownBy(() -> Glob.compile("db\\")).isInstanceOf(InvalidGlobException.class);
        assertThatThrownBy(() -> Glob.compile("  ")).isInstanceOf(InvalidGlobException.class);
        assertThatThrownBy(() -> Glob.compile("a".repeat(Glob.MAX_PATTERN_LENGTH + 1)))
                .isInstanceOf(InvalidGlobException.class);
        assertThatThrownBy(() -> Glob.compile("{".repeat(40) + "}".repeat(40)))
                .isInstanceOfSatisfying(InvalidGlobException.class, e -> assertThat(e.reason()).contains("nested deeper"));
    }

    @Test
    void pathologicalPatternsMatchInBoundedTime() {
        // As a backtracking regex, each of these takes exponential time on a near-miss.
        String stars = "*a".repeat(30) + "b";
        String globstars = "**/a".repeat(20) + "/b";
        String braces = "{a,a}".repeat(200) + "b";
        String nearMiss = "a".repeat(5000);
        String deepMiss = "a/".repeat(2500);
        String repeatedGlobstars = "**/**/**/**/**/**/**/**/x";
        String deepPath = "a/".repeat(2000) + "y";
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertThat(Glob.compile(repeatedGlobstars).matches(deepPath)).isFalse();
            assertThat(Glob.compile(repeatedGlobstars).matches(deepPath.substring(0, deepPath.length() - 1) + "x")).isTrue();
            assertThat(Glob.compile("**/".repeat(300) + "x").matches(deepPath)).isFalse();
            assertThat(Glob.compile(stars).matches(nearMiss)).isFalse();
            assertThat(Glob.compile(stars).matches(nearMiss + "b")).isTrue();
            assertThat(Glob.compile(globstars).matches(deepMiss)).isFalse();
            assertThat(Glob.compile(braces).matches("a".repeat(200))).isFalse();
            assertThat(Glob.compile(braces).matches("a".repeat(200) + "b")).isTrue();
        });
    }
}

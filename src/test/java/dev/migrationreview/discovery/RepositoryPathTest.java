package dev.migrationreview.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RepositoryPathTest {

    @ParameterizedTest
    @CsvSource({
            "db/migration/V1__init.sql, db/migration/V1__init.sql",
            "./db/./V1.sql,             db/V1.sql",
            "db//V1.sql,                db/V1.sql",
            "db/old/../V1.sql,          db/V1.sql",
            "db\\sub\\..\\V1.sql,       db/V1.sql",
            "db/%2E/V1.sql,             db/V1.sql",
            "db/,                       db",
            "'%41.sql',                 '%41.sql'",
            "'.',                       ''"})
    void pathsInsideAreResolved(String path, String inside) {
        assertThat(RepositoryPath.inside(path)).hasValue(inside);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../etc/passwd", "db/../../etc/passwd", "..", "/etc/passwd", "//server/share/x",
            "file:/etc/passwd", "file:///etc/passwd", "https://example.com/x.sql", "C:\\Windows\\win.ini", "C:/x",
            "..\\..\\etc\\passwd", "db\\..\\..\\x", "\\\\server\\share\\x", "%2e%2e/%2e%2e/etc/passwd", "db/%2E%2e/%2e./x",
            "db/\u0000/x"})
    void pathsLeadingOutsideAreRefused(String path) {
        assertThat(RepositoryPath.inside(path)).isEmpty();
        assertThat(RepositoryPath.isPlain(path)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
            "db/changelog, parts/001.xml,         db/changelog/parts/001.xml",
            "db/changelog, ../shared/001.xml,     db/shared/001.xml",
            "'',           db/001.xml,            db/001.xml"})
    void namesAreResolvedAgainstTheirFolder(String folder, String name, String resolved) {
        assertThat(RepositoryPath.resolve(folder, name)).hasValue(resolved);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../../x.xml", "/etc/passwd", "file:/etc/passwd", "%2e%2e/%2e%2e/%2e%2e/x"})
    void namesLeavingTheRepositoryFromTheirFolderAreRefused(String name) {
        assertThat(RepositoryPath.resolve("db/changelog", name)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"db/V1.sql", "a/b c/d.sql"})
    void plainPathsAreTheirOwnResolution(String path) {
        assertThat(RepositoryPath.isPlain(path)).isTrue();
    }
}

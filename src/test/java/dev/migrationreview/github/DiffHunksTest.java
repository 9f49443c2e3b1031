package dev.migrationreview.github;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DiffHunksTest {

    /** Two hunks of a modified migration, as GitHub's file list returns them. */
    static final String MODIFIED = """
            @@ -3,7 +3,8 @@ CREATE TABLE users (
               id bigint PRIMARY KEY,
               email text NOT NULL
             );
            -CREATE INDEX users_email ON users (email);
            +CREATE INDEX CONCURRENTLY users_email
            +  ON users (email);
             
             ALTER TABLE users ADD COLUMN name text;
             ALTER TABLE users ADD COLUMN age int;
            @@ -20,3 +21,4 @@ ALTER TABLE orders
             ALTER TABLE orders ADD COLUMN total numeric;
             ALTER TABLE orders ADD COLUMN paid boolean;
            +ALTER TABLE orders ALTER COLUMN total SET NOT NULL;
             -- end""";

    @Test
    void onlyLinesTheNewSideShowsCanCarryAComment() {
        DiffHunks hunks = DiffHunks.parse(MODIFIED);
        assertThat(hunks.shows(3)).isTrue();
        assertThat(hunks.shows(6)).as("an added line").isTrue();
        assertThat(hunks.shows(10)).as("the last context line of the first hunk").isTrue();
        assertThat(hunks.shows(11)).as("between the hunks").isFalse();
        assertThat(hunks.shows(23)).isTrue();
        assertThat(hunks.shows(25)).isFalse();
        assertThat(hunks.showsRange(6, 7)).isTrue();
        assertThat(hunks.showsRange(9, 21)).as("a range across two hunks").isFalse();
        assertThat(hunks.lastShownIn(9, 13)).hasValue(10);
        assertThat(hunks.lastShownIn(12, 19)).isEmpty();
        assertThat(hunks.createdFileContent()).as("not a new file").isEmpty();
    }

    @Test
    void aNewFileIsRebuiltFromItsPatch() {
        DiffHunks created = DiffHunks.parse("@@ -0,0 +1,3 @@\n+CREATE TABLE a (id int);\n+\n+DROP TABLE b;");
        assertThat(created.createdFileContent()).hasValue("CREATE TABLE a (id int);\n\nDROP TABLE b;\n");
        DiffHunks noNewline = DiffHunks.parse("@@ -0,0 +1,2 @@\n+SELECT 1;\n+SELECT 2;\n\\ No newline at end of file");
        assertThat(noNewline.createdFileContent()).hasValue("SELECT 1;\nSELECT 2;");
        assertThat(DiffHunks.parse("@@ -0,0 +1 @@\n+SELECT 1;").createdFileContent()).hasValue("SELECT 1;\n");
        assertThat(DiffHunks.parse("@@ -0,0 +1,5 @@\n+cut short").createdFileContent())
                .as("GitHub truncated the patch").isEmpty();
    }

    @Test
    void malformedPatchesAnchorNothing() {
        assertThat(DiffHunks.parse("Binary files differ").shows(1)).isFalse();
        assertThat(DiffHunks.parse("@@ nonsense @@\n+x").shows(1)).isFalse();
        assertThat(DiffHunks.none().lastShownIn(1, 100)).isEmpty();
        DiffHunks deletion = DiffHunks.parse("@@ -1,2 +0,0 @@\n-DROP TABLE a;\n-DROP TABLE b;");
        assertThat(deletion.shows(1)).isFalse();
    }
}

package dev.migrationreview.frontend.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.discovery.Dialect;
import dev.migrationreview.discovery.FileTree;
import dev.migrationreview.discovery.Framework;
import dev.migrationreview.frontend.CorpusFiles;
import dev.migrationreview.frontend.Frontend;
import dev.migrationreview.frontend.alembic.AlembicFrontend;
import dev.migrationreview.frontend.django.DjangoFrontend;
import dev.migrationreview.frontend.rails.RailsFrontend;
import dev.migrationreview.frontend.sql.SqlFrontend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Bad input never breaks a DSL frontend: every corpus file of every framework (also SQL, XML and
 * other languages' migrations, given to the wrong frontend), and the DSL files cut off at random
 * points or with random bytes spliced in, are read without an exception, each problem on a line
 * of the file.
 */
class DslRobustnessTest {

    private static final SqlFrontend SQL = new SqlFrontend();
    /** Characters that open or close something in Ruby or Python, spliced into real files. */
    private static final String SPLICED = "\"'({[]})#\n\\:<%`|";
    private static final Map<Framework, Frontend> FRONTENDS = Map.of(
            Framework.RAILS, new RailsFrontend(SQL),
            Framework.ALEMBIC, new AlembicFrontend(SQL),
            Framework.DJANGO, new DjangoFrontend(SQL));

    private static void parseWithEveryFrontend(String path, byte[] content) {
        for (var entry : FRONTENDS.entrySet()) {
            var file = DslFiles.file(path, entry.getKey(), content, Dialect.defaultPostgres());
            var parsed = entry.getValue().parse(file, FileTree.EMPTY);
            long lines = new String(content, java.nio.charset.StandardCharsets.UTF_8).lines().count() + 1;
            assertThat(parsed.problems()).as(path).allSatisfy(p -> assertThat(p.line()).isBetween(1, (int) lines + 1));
            assertThat(parsed.statements()).as(path).allSatisfy(s -> assertThat(s.startLine()).isPositive());
        }
    }

    @Test
    void everyCorpusFileIsReadByEveryDslFrontendWithoutAnException() throws IOException {
        var files = CorpusFiles.list("rails", "alembic", "django", "flyway", "liquibase", "prisma", "golang-migrate");
        int read = 0;
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            boolean dsl = file.toString().endsWith(".rb") || file.toString().endsWith(".py");
            if (dsl || i % 7 == 0) {
                parseWithEveryFrontend(file.toString(), Files.readAllBytes(file));
                read++;
            }
        }
        assertThat(read).isGreaterThan(1000);
    }

    @Test
    void truncatedAndCorruptedMigrationsAreReadWithoutAnException() throws IOException {
        var random = new Random(20240101);
        List<Path> files = CorpusFiles.list("rails", "alembic", "django").stream()
                .filter(p -> p.toString().endsWith(".rb") || p.toString().endsWith(".py")).toList();
        for (Path file : files) {
            byte[] content = Files.readAllBytes(file);
            if (content.length < 2) {
                continue;
            }
            parseWithEveryFrontend(file.toString(), Arrays.copyOf(content, random.nextInt(content.length)));
            byte[] corrupted = content.clone();
            for (int k = 0; k < 4; k++) {
                corrupted[random.nextInt(corrupted.length)] = (byte) SPLICED.charAt(random.nextInt(SPLICED.length()));
            }
            parseWithEveryFrontend(file.toString(), corrupted);
        }
    }
}

package dev.migrationreview.frontend.sql;

import dev.migrationreview.discovery.FileTree;
import dev.migrationreview.discovery.MigrationFile;
import java.util.ArrayList;
import java.util.List;

/**
 * Single-thread throughput of the SQL frontend over every SQL corpus (not a unit test: run it by hand).
 * <pre>mvn -o -q test-compile &amp;&amp; java -cp target/test-classes:target/classes:$(cat cp.txt) \
 *     -Dshared.dir=../shared dev.migrationreview.frontend.sql.SqlFrontendBenchmark</pre>
 */
public final class SqlFrontendBenchmark {

    private SqlFrontendBenchmark() {}

    public static void main(String[] args) {
        var files = new ArrayList<MigrationFile>();
        for (SqlCorpus corpus : SqlCorpus.postgres()) {
            files.addAll(corpus.files());
        }
        for (SqlCorpus corpus : SqlCorpus.others()) {
            files.addAll(corpus.files());
        }
        var frontend = new SqlFrontend();
        int warmups = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        for (int i = 0; i < warmups; i++) {
            round(frontend, files);
        }
        long statements = 0;
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            statements += round(frontend, files);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%d files, %d statements per round; %.0f statements/s on one thread%n", files.size(),
                statements / rounds, statements / seconds);
    }

    private static long round(SqlFrontend frontend, List<MigrationFile> files) {
        long statements = 0;
        for (MigrationFile file : files) {
            statements += frontend.parse(file, FileTree.EMPTY).statements().size();
        }
        return statements;
    }
}

package dev.migrationreview.cli;

import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.frontend.Statement;
import dev.migrationreview.review.Engines;
import dev.migrationreview.review.FileReview;
import dev.migrationreview.review.ReviewEngine;
import dev.migrationreview.review.ReviewInput;
import dev.migrationreview.review.ReviewResult;
import dev.migrationreview.snapshot.WorkingTreeSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntSupplier;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.AbstractJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bench}: the engine's in-process throughput on one thread, after warm-up, in statements
 * per second, beside a baseline measured in the same run on the same statements: JSqlParser
 * alone parsing each statement, the library step every SQL review has to pay for.
 */
@Command(name = "bench", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Measures review throughput in statements per second on one thread, after warm-up.",
                "A baseline, JSqlParser parsing the same statements, is measured in the same run."})
final class BenchCommand implements Callable<Integer> {

    static final int TARGET_STATEMENTS_PER_SECOND = 50_000;
    /** A parse that takes longer is abandoned, as the engine would. */
    private static final long PARSE_TIMEOUT_MILLIS = 2_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--warmup", defaultValue = "5", paramLabel = "SECONDS", description = "Warm-up time (default: ${DEFAULT-VALUE}).")
    double warmupSeconds;

    @Option(names = "--seconds", defaultValue = "10", paramLabel = "SECONDS", description = "Measured time (default: ${DEFAULT-VALUE}).")
    double measuredSeconds;

    @Option(names = "--files-from", paramLabel = "FILE", description = "A file listing the files to review, one per line.")
    Optional<Path> filesFrom;

    @Option(names = "--repo", paramLabel = "DIR", description = "The folder paths are relative to for discovery (default: the git working tree).")
    Optional<Path> repo;

    @Option(names = "--each-file", description = "Review every file as its own change (as review --each-file does).")
    boolean eachFile;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Files or folders to review.")
    List<Path> paths = new ArrayList<>();

    /** How fast one workload ran: how many statements in how long. */
    record Throughput(long statements, Duration elapsed) {
        double perSecond() {
            return statements / (elapsed.toNanos() / 1e9);
        }
    }

    @Override
    public Integer call() throws IOException {
        var files = new ArrayList<>(paths);
        if (filesFrom.isPresent()) {
            Files.readAllLines(filesFrom.get()).stream().map(String::strip).filter(l -> !l.isEmpty()).map(Path::of).forEach(files::add);
        }
        if (files.isEmpty()) {
            throw new UserError("name the files to benchmark: migration-review bench PATH... or --files-from FILE");
        }
        var snapshot = WorkingTreeSnapshot.of(repo, files);
        var scope = eachFile ? ChangeScope.EACH_FILE : ChangeScope.WHOLE_SNAPSHOT;
        List<ReviewInput> inputs = scope.inputs(snapshot, ReviewConfig.defaults());
        ReviewEngine engine = Engines.standard();
        ReviewResult sample = ChangeScope.review(engine, inputs);
        List<String> sqlStatements = sqlStatementTexts(sample);
        int statementsPerPass = sample.files().stream().mapToInt(FileReview::statementCount).sum();
        if (statementsPerPass == 0) {
            throw new UserError("the files hold no migration statements to measure");
        }
        var out = spec.commandLine().getOut();
        out.printf("files: %d, migrations: %d, statements per pass: %d (of which SQL: %d), %s, one thread%n",
                snapshot.headContents().size(), sample.files().size(), statementsPerPass, sqlStatements.size(),
                eachFile ? "each file its own change" : "all files one change");
        out.printf("warm-up %.0f s, then measured %.0f s per workload%n", warmupSeconds, measuredSeconds);
        out.flush();

        Throughput review = measure(() -> statementsPerPass, () -> ChangeScope.review(engine, inputs));
        Throughput baseline;
        try (ExecutorService parserThread = Executors.newSingleThreadExecutor()) {
            baseline = measure(sqlStatements::size, () -> parseEach(sqlStatements, parserThread));
        }
        double ratio = review.perSecond() / baseline.perSecond();
        out.printf("review (discovery, parsing, rules):  %,10.0f statements/s%n", review.perSecond());
        out.printf("baseline (JSqlParser parse alone):    %,10.0f statements/s%n", baseline.perSecond());
        out.printf("ratio review / baseline:              %10.2f%n", ratio);
        out.printf("target >= %,d statements/s: %s%n", TARGET_STATEMENTS_PER_SECOND,
                review.perSecond() >= TARGET_STATEMENTS_PER_SECOND ? "met" : "NOT met");
        out.printf("RESULT statements_per_second=%.0f baseline_statements_per_second=%.0f ratio=%.3f%n",
                review.perSecond(), baseline.perSecond(), ratio);
        return ExitCodes.CLEAN;
    }

    private static List<String> sqlStatementTexts(ReviewResult result) {
        var texts = new ArrayList<String>();
        for (FileReview file : result.files()) {
            if (file.file().framework().isSql()) {
                file.parsed().ifPresent(p -> p.statements().stream().map(Statement::text).forEach(texts::add));
            }
        }
        return texts;
    }

    /** Warm-up, then as many passes as fit in the measured time. */
    private Throughput measure(IntSupplier statementsPerPass, Runnable pass) {
        long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        while (System.nanoTime() < warmupEnd) {
            pass.run();
        }
        long start = System.nanoTime();
        long end = start + (long) (measuredSeconds * 1e9);
        long statements = 0;
        do {
            pass.run();
            statements += statementsPerPass.getAsInt();
        } while (System.nanoTime() < end);
        return new Throughput(statements, Duration.ofNanos(System.nanoTime() - start));
    }

    private static void parseEach(List<String> statements, ExecutorService parserThread) {
        for (String sql : statements) {
            try {
                CCJSqlParserUtil.parse(sql, parserThread, parser -> parser
                        .withDialect(AbstractJSqlParser.Dialect.POSTGRESQL)
                        .withTimeOut(PARSE_TIMEOUT_MILLIS));
            } catch (JSQLParserException e) {
                // Statements JSqlParser cannot read cost their failed attempt, as they would in a review.
            }
        }
    }
}

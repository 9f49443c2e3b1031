package dev.migrationreview.fuzz;

import dev.migrationreview.config.ConfigLoader;
import dev.migrationreview.config.ConfigResult;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.frontend.BuiltInFrontends;
import dev.migrationreview.frontend.Frontends;
import dev.migrationreview.fuzz.EngineInputs.Input;
import dev.migrationreview.github.CheckRunOutput;
import dev.migrationreview.report.HtmlRenderer;
import dev.migrationreview.report.JsonRenderer;
import dev.migrationreview.report.MarkdownRenderer;
import dev.migrationreview.report.ReviewReport;
import dev.migrationreview.report.SarifRenderer;
import dev.migrationreview.report.TextRenderer;
import dev.migrationreview.report.Verdict;
import dev.migrationreview.review.Engines;
import dev.migrationreview.review.FileReview;
import dev.migrationreview.review.ReviewEngine;
import dev.migrationreview.review.ReviewInput;
import dev.migrationreview.review.ReviewResult;
import dev.migrationreview.rule.Finding;
import dev.migrationreview.rule.RuleCatalog;
import dev.migrationreview.rule.RuleDoc;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Feeds the review engine what a pull request could hold (see {@link EngineInputs}) and renders
 * every report the CLI and the App produce from the result. A case fails when it takes longer
 * than the case timeout (once more per megabyte of input), when an exception or an OutOfMemoryError escapes, when a frontend or a
 * rule failed inside the engine (the engine contains it as a finding, but it is still a bug), or
 * when a file outside the repository found its way into a report.
 */
public final class EngineFuzzer implements Fuzzer {

    public static final String NAME = "engine";
    public static final Duration DEFAULT_CASE_TIMEOUT = Duration.ofSeconds(5);
    /** Each hung case leaves a thread running that cannot be stopped; past a few, timings mean little. */
    private static final int HANGS_BEFORE_STOPPING = 3;
    private static final String CONTAINED_FRONTEND_FAILURE = "could not read this file: ";
    private static final String SECRET = "FUZZ-SECRET-7f3a9c";

    private final ReviewEngine engine = Engines.standard();
    private final Frontends frontends = BuiltInFrontends.all();
    private final RuleCatalog catalog = RuleCatalog.builtIn();
    private final ConfigLoader configLoader = ConfigLoader.checkingRuleIds(
            catalog.docs().stream().map(RuleDoc::id).collect(Collectors.toSet()));
    private final EngineInputs inputs;
    private final Duration caseTimeout;
    private final Path secretFile;
    private final Optional<Path> dumpTo;
    private final List<Timed> slowest = new ArrayList<>();
    private volatile Thread currentCaseThread;
    private ExecutorService caseThread = newCaseThread();
    private int hangs;
    private long reachedFrontend;
    private long cases;

    private record Timed(Duration took, FuzzCase fuzzCase, String what) {}

    /** What one review produced, for the checks. */
    private record Reviewed(ReviewResult result, List<String> renderings, List<String> containedFailures) {}

    private EngineFuzzer(Path corpus, Duration caseTimeout, Path secretFile, Optional<Path> dumpTo) {
        this.inputs = new EngineInputs(corpus, secretFile);
        this.caseTimeout = caseTimeout;
        this.secretFile = secretFile;
        this.dumpTo = dumpTo;
    }

    /**
     * @param shared the shared folder holding {@code corpus/}
     * @param dumpTo where to write each case's files (under {@code case-N/}), to look at a failing case
     */
    public static EngineFuzzer create(Path shared, Duration caseTimeout, Optional<Path> dumpTo) {
        try {
            // A file no repository holds: external entities and includes point at it, and its
            // content must never show up in a report.
            Path secret = Files.createTempFile("fuzz-secret", ".sql");
            Files.writeString(secret, "CREATE TABLE " + SECRET + " (id int);\n");
            secret.toFile().deleteOnExit();
            return new EngineFuzzer(shared.resolve("corpus"), caseTimeout, secret, dumpTo);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> categories() {
        return inputs.categories();
    }

    @Override
    public void run(FuzzCase fuzzCase, FuzzTally tally) {
        Input input = inputs.next(fuzzCase.random(), fuzzCase.categories());
        tally.tried(NAME, input.category());
        dumpTo.ifPresent(folder -> dump(input, folder.resolve("case-" + fuzzCase.number())));
        cases++;
        String what = input.description() + " (" + input.bytes() + " bytes)";
        long started = System.nanoTime();
        Future<Reviewed> review = caseThread.submit(() -> review(input));
        // A hang is more than linear time: each megabyte of input gets the case timeout once more.
        Duration budget = caseTimeout.multipliedBy(1 + input.bytes() / (1 << 20));
        try {
            Reviewed reviewed = review.get(budget.toMillis(), TimeUnit.MILLISECONDS);
            remember(new Timed(Duration.ofNanos(System.nanoTime() - started), fuzzCase, input.category() + ": " + what));
            check(fuzzCase, input, what, reviewed, tally);
        } catch (TimeoutException e) {
            String where = whereHung();
            review.cancel(true);
            tally.failed(fuzzCase, input.category(), "no answer within " + budget.toSeconds() + " s (hang)",
                    what + "\n" + where);
            abandonCaseThread();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String summary = cause instanceof OutOfMemoryError ? "OutOfMemoryError" : cause.getClass().getSimpleName()
                    + " escaped the engine" + whereThrown(cause);
            tally.failed(fuzzCase, input.category(), summary, what + "\n" + stackTrace(cause));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Reviews real migrations of every framework first: the first cases would otherwise run on
     * code the JIT has not compiled yet and be judged by the timeout for it.
     */
    public void warmUp() {
        inputs.realFiles(300).forEach(this::review);
    }

    private static void dump(Input input, Path folder) {
        try {
            for (var file : input.changed()) {
                Path target = folder.resolve(file.path().replace("..", "__"));
                Files.createDirectories(target.getParent());
                Files.write(target, file.content());
            }
            if (input.config().isPresent()) {
                Files.createDirectories(folder.resolve(".github"));
                Files.write(folder.resolve(".github/migration-review.yml"), input.config().get());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Reviewed review(Input input) {
        ReviewConfig config = ReviewConfig.defaults();
        List<dev.migrationreview.config.ConfigError> configProblems = List.of();
        if (input.config().isPresent()) {
            ConfigResult loaded = configLoader.load(".github/migration-review.yml", input.config().get());
            config = loaded.effective();
            configProblems = loaded.errors();
        }
        ReviewResult result = engine.review(new ReviewInput(input.changed(), input.repository(), config));
        var verdict = new Verdict(result.findings().isEmpty() ? Verdict.Outcome.PASS : Verdict.Outcome.FAIL, "fuzz");
        var report = new ReviewReport("fuzz case", result, verdict, configProblems);
        var renderings = List.of(new TextRenderer(false).render(report), new MarkdownRenderer().render(report),
                new JsonRenderer().render(report), new SarifRenderer(catalog, "fuzz").render(report), new HtmlRenderer().render(report),
                CheckRunOutput.of(report, "neutral", "https://example.com/reviews/1", List.of()).toString());
        return new Reviewed(result, renderings, containedFrontendFailures(result, input));
    }

    /**
     * The engine turns a frontend's exception into "could not read this file" so the rest of the
     * change is still reviewed; running that frontend again on its own shows where it failed.
     */
    private List<String> containedFrontendFailures(ReviewResult result, Input input) {
        var failures = new ArrayList<String>();
        for (FileReview file : result.files()) {
            if (file.note().filter(n -> n.startsWith(CONTAINED_FRONTEND_FAILURE)).isEmpty()) {
                continue;
            }
            try {
                frontends.forFramework(file.file().framework()).orElseThrow().parse(file.file(), input.repository());
                failures.add(file.note().get() + " (not reproduced on its own)");
            } catch (RuntimeException | StackOverflowError e) {
                failures.add(file.file().framework().displayName() + " frontend: " + e.getClass().getSimpleName() + whereThrown(e)
                        + "\n" + stackTrace(e));
            }
        }
        return failures;
    }

    private void check(FuzzCase fuzzCase, Input input, String what, Reviewed reviewed, FuzzTally tally) {
        if (reviewed.result().files().stream().anyMatch(f -> f.parsed().isPresent())) {
            reachedFrontend++;
        }
        for (String failure : reviewed.containedFailures()) {
            tally.failed(fuzzCase, input.category(), "frontend failed (contained): " + failure.lines().findFirst().orElse(""),
                    what + "\n" + failure);
        }
        for (Finding finding : reviewed.result().findings()) {
            if (finding.ruleId().equals("rule-error")) {
                tally.failed(fuzzCase, input.category(), "rule failed (contained): " + finding.message(),
                        what + "\n" + finding.path() + ":" + finding.startLine());
            }
        }
        if (reviewed.renderings().stream().anyMatch(r -> r.contains(SECRET))) {
            tally.failed(fuzzCase, input.category(), "a file outside the repository reached the report",
                    what + "\n" + secretFile + " was read");
        }
    }

    @Override
    public void checkAfterRun(FuzzTally tally) {
        tally.note(NAME, String.format(Locale.ROOT, "%,d of %,d cases had a file read by a frontend", reachedFrontend, cases));
        if (!slowest.isEmpty()) {
            tally.note(NAME, "slowest cases:");
            slowest.forEach(t -> tally.note(NAME, String.format(Locale.ROOT, "  %6d ms  %s  [%s]", t.took().toMillis(),
                    shorten(t.what()), t.fuzzCase().reproducer())));
        }
        if (hangs >= HANGS_BEFORE_STOPPING) {
            tally.note(NAME, "stopped after " + hangs + " hung cases (their threads cannot be stopped)");
        }
    }

    @Override
    public boolean exhausted() {
        return hangs >= HANGS_BEFORE_STOPPING;
    }

    @Override
    public void close() {
        caseThread.shutdownNow();
    }

    private void remember(Timed timed) {
        slowest.add(timed);
        slowest.sort(Comparator.comparing(Timed::took).reversed());
        if (slowest.size() > 5) {
            slowest.removeLast();
        }
    }

    /** The hung thread keeps running (Java cannot stop it); later cases get a fresh one. */
    private void abandonCaseThread() {
        hangs++;
        caseThread.shutdownNow();
        caseThread = newCaseThread();
    }

    /** A platform thread with the default stack, as the App's workers and the command line review on. */
    private ExecutorService newCaseThread() {
        return Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "engine-fuzz-case");
            thread.setDaemon(true);
            currentCaseThread = thread;
            return thread;
        });
    }

    /** Where the hung case is busy: the frames of the case thread, innermost first. */
    private String whereHung() {
        Thread thread = currentCaseThread;
        return thread == null ? "" : java.util.Arrays.stream(thread.getStackTrace()).limit(25).map(f -> "  at " + f)
                .collect(Collectors.joining("\n"));
    }

    /** The innermost frame of the project's own code, which names the bug better than a library frame. */
    static String whereThrown(Throwable e) {
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().startsWith("dev.migrationreview.") && !frame.getClassName().contains(".fuzz.")) {
                return " at " + frame.getClassName().substring(frame.getClassName().lastIndexOf('.') + 1) + "."
                        + frame.getMethodName() + ":" + frame.getLineNumber();
            }
        }
        return "";
    }

    static String stackTrace(Throwable e) {
        var out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString().lines().limit(40).collect(Collectors.joining("\n"));
    }

    private static String shorten(String text) {
        return text.length() <= 110 ? text : text.substring(0, 107) + "...";
    }
}

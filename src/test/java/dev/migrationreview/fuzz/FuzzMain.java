package dev.migrationreview.fuzz;

import dev.migrationreview.server.WebhookFuzzer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Runs the fuzzers from the command line (bench/fuzz.sh builds the classpath and calls this).
 * Exit status 0 when no case failed, 1 when one did, 2 for a usage mistake.
 */
@Command(name = "fuzz", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fuzzes the webhook endpoint and the review engine; prints cases tried by category and every failure",
                "with the seed and case number that reproduce it (--seed S --case N)."})
public final class FuzzMain implements Callable<Integer> {

    enum Target { webhook, engine, all }

    @Parameters(index = "0", defaultValue = "all", description = "webhook, engine or all (default: ${DEFAULT-VALUE}).")
    Target target;

    @Option(names = "--seconds", defaultValue = "60", description = "Time each fuzzer runs for (default: ${DEFAULT-VALUE}).")
    long seconds;

    @Option(names = "--cases", defaultValue = "" + Long.MAX_VALUE, description = "Cases each fuzzer runs at most (default: until time is up).")
    long cases;

    @Option(names = "--seed", description = "The run's seed (default: the current time, printed).")
    Optional<Long> seed;

    @Option(names = "--case", description = "Runs this one case of the seed again, as a failure's reproducer says.")
    Optional<Long> onlyCase;

    @Option(names = "--category", description = "Makes only cases of this category (repeatable; default: all).")
    List<String> categories = new ArrayList<>();

    @Option(names = "--case-timeout-ms", defaultValue = "5000", description = "How long one engine case may take (default: ${DEFAULT-VALUE}).")
    long caseTimeoutMillis;

    @Option(names = "--url", description = "A running server to fuzz (default: one started in this process).")
    Optional<URI> url;

    @Option(names = "--secret-file", description = "With --url: the file holding its webhook secret.")
    Optional<Path> secretFile;

    @Option(names = "--admin-token-file", description = "With --url: the file holding its admin token (to check its queue after the run).")
    Optional<Path> adminTokenFile;

    @Option(names = "--github-port", description = "With --url: play GitHub on this port (the server runs with GITHUB_API_URL=http://127.0.0.1:PORT).")
    Optional<Integer> githubPort;

    @Option(names = "--shared", defaultValue = "${sys:shared.dir:-../shared}", description = "The shared folder (fixtures, corpus).")
    Path shared;

    @Option(names = "--report", description = "Also write the report to this file.")
    Optional<Path> report;

    @Option(names = "--dump", description = "Writes each engine case's files to this folder (with --case: to look at one).")
    Optional<Path> dump;

    public static void main(String[] args) {
        System.exit(new CommandLine(new FuzzMain()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        if (url.isPresent() != secretFile.isPresent()) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--url and --secret-file go together");
        }
        long runSeed = seed.orElseGet(System::currentTimeMillis);
        var tally = new FuzzTally();
        Instant started = Instant.now();
        var out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "fuzz %s, seed %d, %s, started %s%n", target, runSeed,
                onlyCase.map(n -> "case " + n + " only").orElse(seconds + " s per fuzzer"
                        + (cases == Long.MAX_VALUE ? "" : " or " + cases + " cases")), started));
        System.err.print(out);
        var unknown = new ArrayList<>(categories);
        for (String name : names()) {
            try (Fuzzer fuzzer = create(name)) {
                List<String> mine = categories.stream().filter(fuzzer.categories()::contains).toList();
                unknown.removeAll(mine);
                if (!categories.isEmpty() && mine.isEmpty()) {
                    continue;
                }
                if (onlyCase.isPresent()) {
                    Fuzzer.replay(fuzzer, runSeed, mine, onlyCase.get(), tally);
                } else {
                    Fuzzer.runCases(fuzzer, runSeed, mine, cases, Duration.ofSeconds(seconds), tally);
                }
            } catch (RuntimeException e) {
                // A bug of the fuzzer itself must not lose what the run found so far.
                tally.failedAfterRun(name, "the fuzzer itself failed: " + e, EngineFuzzer.stackTrace(e));
            }
        }
        if (!unknown.isEmpty()) {
            out.append("no fuzzer makes cases of the categories ").append(unknown).append('\n');
        }
        out.append(tally.report());
        out.append(String.format(Locale.ROOT, "total duration %.1f s%n", Duration.between(started, Instant.now()).toMillis() / 1000.0));
        System.out.print(out);
        if (report.isPresent()) {
            Files.createDirectories(report.get().toAbsolutePath().getParent());
            Files.writeString(report.get(), out, StandardCharsets.UTF_8);
        }
        return tally.failures().isEmpty() ? 0 : 1;
    }

    private List<String> names() {
        var names = new ArrayList<String>();
        if (target != Target.webhook) {
            names.add(EngineFuzzer.NAME);
        }
        if (target != Target.engine) {
            names.add(WebhookFuzzer.NAME);
        }
        return names;
    }

    private Fuzzer create(String name) throws IOException {
        if (name.equals(EngineFuzzer.NAME)) {
            var engine = EngineFuzzer.create(shared, Duration.ofMillis(caseTimeoutMillis), dump);
            engine.warmUp();
            return engine;
        }
        if (url.isPresent()) {
            byte[] secret = Files.readString(secretFile.orElseThrow()).strip().getBytes(StandardCharsets.UTF_8);
            Optional<String> adminToken = adminTokenFile.isPresent()
                    ? Optional.of(Files.readString(adminTokenFile.get()).strip()) : Optional.empty();
            return WebhookFuzzer.remote(shared, url.get(), secret, adminToken, githubPort);
        }
        return WebhookFuzzer.inProcess(shared, Files.createTempDirectory("webhook-fuzz"));
    }
}

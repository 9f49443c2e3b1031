package dev.migrationreview.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrationreview.github.GitHubSettings;
import dev.migrationreview.inbox.RetryPolicy;
import dev.migrationreview.inbox.WorkerSettings;
import dev.migrationreview.server.GitHubFake.FakeFile;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The App's benchmark (run by bench/app.sh; not a test): webhook ack latency under a steady 200
 * deliveries per second, PR event to completed check run, GitHub calls per review, start-up time
 * and idle memory of the packaged server. WireMock plays GitHub on loopback and answers at once.
 */
public final class AppBench {

    /** The Dockerfile's JVM flags (but its class-data archive, which is per run here). */
    static final List<String> DOCKERFILE_JVM_FLAGS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xms16m",
            "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30");

    private static final String PRISMA = AppReviewEndToEndTest.CORPUS;
    private static final String PRISMA_REPO = AppReviewEndToEndTest.REPO_DIR;

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("migration-review-bench");
        Path jar = Path.of(args.length > 0 ? args[0] : "target/migration-review.jar");
        var out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "migration-review App benchmark, %s, %d cores, Java %s%n%n",
                java.time.LocalDate.now(), Runtime.getRuntime().availableProcessors(), Runtime.version()));
        var sections = java.util.Set.of(args.length > 1 ? args[1].split(",") : new String[] {"ack", "latency", "calls", "startup"});
        if (sections.contains("ack")) {
            ackLatency(work.resolve("ack"), out);
        }
        if (sections.contains("latency")) {
            eventToCompletedCheck(work.resolve("latency"), out, Duration.ZERO);
        }
        if (sections.contains("calls")) {
            apiCalls(work.resolve("calls"), out);
        }
        if (sections.contains("startup")) {
            startUp(jar, work.resolve("startup"), out);
        }
        System.out.print(out);
        Files.createDirectories(Path.of("bench/out"));
        Files.writeString(Path.of("bench/out/app-bench.txt"), out);
    }

    static ServerSettings settings(GitHubFake github, Path data, Duration writeInterval) {
        var githubSettings = new GitHubSettings(github.apiUrl(), writeInterval, Duration.ofSeconds(90),
                Optional.of(data.resolve("http-cache")), 64L * 1024 * 1024, Duration.ofSeconds(30));
        var workers = new WorkerSettings(4, "bench", Duration.ofSeconds(60), Duration.ofSeconds(1), RetryPolicy.defaults());
        return new ServerSettings("127.0.0.1", 0, Optional.empty(), Optional.of(BotHarness.SECRET), Optional.empty(), data,
                Optional.empty(), githubSettings, Optional.of(dev.migrationreview.github.AppCredentials.fromPem(
                        BotHarness.APP_ID, TestKeys.PKCS8_PEM)), workers);
    }

    static List<FakeFile> prisma(int count) throws IOException {
        return AppReviewEndToEndTest.indexMigrations(count);
    }

    static byte[] synchronize(int number, String head) {
        return Fixtures.webhook("pull_request/synchronize.json", payload -> {
            payload.put("number", number);
            ((ObjectNode) payload.path("pull_request")).put("number", number);
            Fixtures.head(head).accept(payload);
        });
    }

    static HttpRequest signed(BotHarness bot, String event, String id, byte[] body) {
        return HttpRequest.newBuilder(URI.create(bot.url("/webhook"))).header("X-GitHub-Event", event)
                .header("X-GitHub-Delivery", id).header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", WebhookSignature.sign(BotHarness.SECRET.bytes(), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    /** 200 signed pull_request deliveries a second for 50 pull requests, while the workers review them. */
    static void ackLatency(Path data, StringBuilder out) throws Exception {
        ackLatency(data.resolve("reviews"), out, "workers reviewing behind it",
                i -> synchronize(i % 50 + 1, String.format("%040x", i)), "pull_request");
        ackLatency(data.resolve("intake"), out, "intake alone (installation events, nothing to review)",
                i -> Fixtures.webhook("installation_repositories/added.json"), "installation_repositories");
    }

    static void ackLatency(Path data, StringBuilder out, String what, java.util.function.IntFunction<byte[]> payload,
                           String event) throws Exception {
        int rate = 200;
        int warmupSeconds = 3;
        int measuredSeconds = 15;
        try (var github = new GitHubFake(); var bot = BotHarness.start(github, settings(github, data, Duration.ofSeconds(1)))) {
            github.tree(Map.of(PRISMA_REPO + "migration_lock.toml", Fixtures.corpus(PRISMA + "migration_lock.toml")));
            List<FakeFile> files = prisma(3);
            for (int number = 1; number <= 50; number++) {
                github.files(number, files);
            }
            var client = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
            var latencies = new ConcurrentLinkedQueue<Long>();
            var failures = new AtomicInteger();
            var sent = new AtomicInteger();
            int total = rate * (warmupSeconds + measuredSeconds);
            var requests = new ArrayList<HttpRequest>(total);
            var bodies = new ArrayList<byte[]>(total);
            for (int i = 0; i < total; i++) {
                bodies.add(payload.apply(i));
                requests.add(signed(bot, event, "ack-" + i, bodies.getLast()));
            }
            var scheduler = Executors.newSingleThreadScheduledExecutor();
            long start = System.nanoTime();
            var done = new java.util.concurrent.CountDownLatch(total);
            scheduler.scheduleAtFixedRate(() -> {
                int i = sent.getAndIncrement();
                if (i >= total) {
                    return;
                }
                // GitHub moves the pull request before it sends the webhook; the bot may ask for it.
                github.delivered(bodies.get(i));
                long t0 = System.nanoTime();
                client.sendAsync(requests.get(i), HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                    if (error != null || response.statusCode() != 202) {
                        failures.incrementAndGet();
                    } else if (t0 - start >= TimeUnit.SECONDS.toNanos(warmupSeconds)) {
                        latencies.add(System.nanoTime() - t0);
                    }
                    done.countDown();
                });
            }, 0, 1_000_000 / rate, TimeUnit.MICROSECONDS);
            done.await(120, TimeUnit.SECONDS);
            scheduler.shutdownNow();
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            var serverSide = bot.server().metrics().get("migration_review_webhook_ack").timer().takeSnapshot();
            String inServer = java.util.Arrays.stream(serverSide.percentileValues())
                    .map(p -> String.format(Locale.ROOT, "p%.0f %.1f ms", p.percentile() * 100, p.value(TimeUnit.MILLISECONDS)))
                    .collect(java.util.stream.Collectors.joining(", "));
            out.append(String.format(Locale.ROOT, "Webhook ack latency at %d deliveries/s (%d s measured after %d s warm-up, "
                            + "%d deliveries, %d failed), %s:%n  p50 %.1f ms, p99 %.1f ms, max %.1f ms "
                            + "(client side); inside the server: %s%n%n",
                    rate, measuredSeconds, warmupSeconds, sorted.size(), failures.get(), what, ms(percentile(sorted, 50)),
                    ms(percentile(sorted, 99)), ms(sorted.getLast()), inServer));
        }
    }

    /** A fresh pull request of 10 migrations each time: delivery sent to check run completed (seen by GitHub). */
    static void eventToCompletedCheck(Path data, StringBuilder out, Duration writeInterval) throws Exception {
        int warmup = 10;
        int measured = 40;
        try (var github = new GitHubFake(); var bot = BotHarness.start(github, settings(github, data, writeInterval))) {
            github.tree(Map.of(PRISMA_REPO + "migration_lock.toml", Fixtures.corpus(PRISMA + "migration_lock.toml")));
            List<FakeFile> files = prisma(10);
            var client = HttpClient.newHttpClient();
            var times = new ArrayList<Long>();
            for (int i = 0; i < warmup + measured; i++) {
                int number = 100 + i;
                github.files(number, files);
                long completedBefore = completions(github);
                long sentAt = System.currentTimeMillis();
                client.send(signed(bot, "pull_request", "latency-" + i, synchronize(number, String.format("%040x", 1000 + i))),
                        HttpResponse.BodyHandlers.discarding());
                BotHarness.await("check run completed", Duration.ofSeconds(30), () -> completions(github) > completedBefore);
                long completedAt = github.requests("PATCH", ".*/check-runs/\\d+").getLast().getLoggedDate().getTime();
                if (i >= warmup) {
                    times.add((completedAt - sentAt) * 1_000_000);
                }
                BotHarness.await("review finished", Duration.ofSeconds(30), () -> bot.server().deliveryFinished("latency-" + (number - 100)));
            }
            Collections.sort(times);
            out.append(String.format(Locale.ROOT, "PR event -> completed check run, 10-migration PR (%d runs after %d warm-up, "
                            + "write pacing %d ms):%n  p50 %.0f ms, p90 %.0f ms, max %.0f ms%n%n",
                    measured, warmup, writeInterval.toMillis(), ms(percentile(times, 50)), ms(percentile(times, 90)),
                    ms(times.getLast())));
        }
    }

    static long completions(GitHubFake github) {
        return github.bodies("PATCH", ".*/check-runs/\\d+").stream().filter(b -> b.has("conclusion")).count();
    }

    /** Calls that count against the rate limit (every answer but 304) for a first review and an unchanged re-run. */
    static void apiCalls(Path data, StringBuilder out) throws Exception {
        out.append("GitHub API calls counting against the rate limit (304s excluded), first review incl. the token / "
                + "re-run with nothing changed:\n");
        record Case(String name, List<FakeFile> files, Map<String, String> tree) {}
        var cases = List.of(
                new Case("Prisma, 3 new migrations (+ migration_lock.toml)", prisma(3),
                        Map.of(PRISMA_REPO + "migration_lock.toml", Fixtures.corpus(PRISMA + "migration_lock.toml"))),
                new Case("golang-migrate (ory/kratos), 3 new .up.sql files", kratos(3), Map.of()));
        int index = 0;
        for (Case c : cases) {
            try (var github = new GitHubFake(); var bot = BotHarness.start(github, settings(github, data.resolve("case-" + index++),
                    Duration.ZERO))) {
                github.tree(c.tree());
                github.files(2, c.files());
                var opened = Fixtures.json(Fixtures.webhook("pull_request/opened.json"));
                github.pull(opened.path("pull_request"));
                bot.deliver("pull_request", "first", Fixtures.webhook("pull_request/opened.json"));
                BotHarness.await("first review", Duration.ofSeconds(30), () -> bot.server().deliveryFinished("first"));
                long first = github.countedCalls();
                String firstCalls = describe(github);
                // GitHub's Re-run: the same pull request and content, a new check run.
                byte[] rerun = Fixtures.webhook("check_run/rerequested.json", p -> {
                    ObjectNode run = (ObjectNode) p.path("check_run");
                    run.put("name", "migration-review").put("id", GitHubFake.CHECK_RUN_ID).put("head_sha", AppReviewEndToEndTest.HEAD);
                    ((ObjectNode) run.path("app")).put("id", BotHarness.APP_ID);
                    run.putArray("pull_requests").addObject().put("number", 2);
                    p.set("repository", opened.path("repository"));
                    ((ObjectNode) p.path("installation")).put("id", GitHubFake.INSTALLATION);
                });
                github.wireMock().resetRequests();
                bot.deliver("check_run", "rerun", rerun);
                BotHarness.await("re-review", Duration.ofSeconds(30), () -> bot.server().deliveryFinished("rerun"));
                long rerunCalls = github.countedCalls();
                String rerunDescribed = describe(github);
                // Another pull request into the same base: the base's listing and files are remembered.
                github.files(3, c.files());
                github.wireMock().resetRequests();
                bot.deliver("pull_request", "second-pr", Fixtures.webhook("pull_request/opened.json", p -> {
                    p.put("number", 3);
                    ((ObjectNode) p.path("pull_request")).put("number", 3);
                    Fixtures.head("3".repeat(40)).accept(p);
                }));
                BotHarness.await("second pull request", Duration.ofSeconds(30), () -> bot.server().deliveryFinished("second-pr"));
                out.append(String.format(Locale.ROOT, "  %s: %d / %d; another pull request into the same base: %d%n"
                                + "    first: %s%n    re-run: %s%n    next pull request: %s%n", c.name(), first, rerunCalls,
                        github.countedCalls(), firstCalls, rerunDescribed, describe(github)));
            }
        }
        out.append('\n');
    }

    static String describe(GitHubFake github) {
        return String.join(", ", github.events().stream().filter(e -> e.getResponse().getStatus() != 304)
                .map(e -> e.getRequest().getMethod() + " " + e.getRequest().getUrl().split("\\?")[0]
                        .replace("/repos/" + GitHubFake.REPO, "")).toList());
    }

    private static final String KRATOS = "golang-migrate/kratos/persistence/sql/migrations/sql/";
    private static final String KRATOS_IN_REPOSITORY = "persistence/sql/migrations/sql/";

    /** Real golang-migrate migrations for PostgreSQL from ory/kratos, the first {@code count} by name after the first ten. */
    static List<FakeFile> kratos(int count) throws IOException {
        return kratosNames(10, count).stream()
                .map(f -> FakeFile.added(KRATOS_IN_REPOSITORY + f, Fixtures.corpus(KRATOS + f))).toList();
    }

    /** The first {@code count} of those migrations by path in the repository: what the base branch already has. */
    static Map<String, String> kratosBase(int count) throws IOException {
        var base = new java.util.TreeMap<String, String>();
        kratosNames(0, count).forEach(f -> base.put(KRATOS_IN_REPOSITORY + f, Fixtures.corpus(KRATOS + f)));
        return base;
    }

    private static List<String> kratosNames(int skip, int count) throws IOException {
        try (var files = Files.list(Fixtures.shared().resolve("corpus").resolve(KRATOS))) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".postgres.up.sql")).sorted().skip(skip)
                    .limit(count).toList();
        }
    }

    /** The packaged server in local mode, as `java -jar` starts it: time to a healthy answer, and memory once idle. */
    static void startUp(Path jar, Path data, StringBuilder out) throws Exception {
        if (!Files.exists(jar)) {
            out.append("Start-up: ").append(jar).append(" is missing (mvn package)\n");
            return;
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Path archive = data.resolve("migration-review.jsa");
        Files.createDirectories(data);
        var configurations = List.of(
                List.of(java, "-jar", jar.toString()),
                Stream.of(List.of(java), DOCKERFILE_JVM_FLAGS, List.of("-XX:+AutoCreateSharedArchive",
                        "-XX:SharedArchiveFile=" + archive, "-jar", jar.toString())).flatMap(List::stream).toList());
        var names = List.of("plain `java -jar`", "with the Dockerfile's JVM flags (SerialGC, C1, small heap, class-data archive)");
        out.append("Start-up (process start -> /healthz 200) and idle RSS (10 s after start), local mode:\n");
        for (int c = 0; c < configurations.size(); c++) {
            var starts = new ArrayList<Long>();
            var rss = new ArrayList<Long>();
            for (int run = 0; run < 4; run++) {
                var command = new ArrayList<>(configurations.get(c));
                command.addAll(List.of("serve", "--port", "0", "--host", "127.0.0.1",
                        "--data-dir", data.resolve("run-" + c + "-" + run).toString(), "--log-format", "text"));
                Path log = data.resolve("server-" + c + "-" + run + ".log");
                long t0 = System.nanoTime();
                Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                try {
                    var client = HttpClient.newHttpClient();
                    int port = -1;
                    while (true) {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("the server exited: " + Files.readString(log));
                        }
                        if (port < 0) {
                            var listening = Pattern.compile("listening on [^:]+:(\\d+)").matcher(Files.readString(log));
                            port = listening.find() ? Integer.parseInt(listening.group(1)) : -1;
                        }
                        try {
                            if (port > 0 && client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                                break;
                            }
                        } catch (IOException notYet) {
                            // not listening yet
                        }
                        Thread.sleep(2);
                    }
                    long started = System.nanoTime() - t0;
                    Thread.sleep(10_000);
                    if (run > 0) {
                        // The first run of each configuration warms the OS cache (and writes the archive).
                        starts.add(started);
                        rss.add(residentKilobytes(process.pid()));
                    }
                } finally {
                    process.destroy();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            }
            Collections.sort(starts);
            out.append(String.format(Locale.ROOT, "  %s: start-up median %.0f ms (runs %s ms), idle RSS median %d MB%n",
                    names.get(c), ms(starts.get(starts.size() / 2)),
                    starts.stream().map(s -> String.format(Locale.ROOT, "%.0f", ms(s))).toList(),
                    rss.stream().sorted().toList().get(rss.size() / 2) / 1024));
        }
    }

    static long residentKilobytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    static long percentile(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    private AppBench() {}
}

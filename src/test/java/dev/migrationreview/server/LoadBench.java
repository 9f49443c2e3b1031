package dev.migrationreview.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrationreview.report.MarkdownRenderer;
import dev.migrationreview.server.GitHubFake.FakeFile;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The scale-out run (bench/load.sh; not a test): two replicas of the packaged App, each its own
 * {@code java -jar ... serve} process, share one embedded PostgreSQL and one stateful GitHub
 * ({@link StatefulGitHub}). Signed pull request deliveries arrive at a steady rate through a
 * round-robin "load balancer" that fails over when a replica does not answer. Scenarios:
 * <ul>
 *   <li>{@code kill}: one replica is killed with SIGKILL half-way through and restarted;</li>
 *   <li>{@code faults}: a share of GitHub's answers are 5xx or secondary rate limits;</li>
 *   <li>{@code both}: the two at once.</li>
 * </ul>
 * Afterwards every pull request must have exactly one completed check run for its newest head and
 * one summary comment, every acknowledged delivery must be finished in the store, and each
 * installation's writes must be paced. Prints and writes bench/out/load.txt; exits 1 when an
 * invariant fails.
 */
public final class LoadBench {

    record Options(int deliveries, int rate, int pulls, int installations, Duration writeInterval, double faultRate,
                   int retryAfterSeconds, long seed, Duration settleTimeout) {

        static Options parse(Map<String, String> flags) {
            return new Options(Integer.parseInt(flags.getOrDefault("deliveries", "1000")),
                    Integer.parseInt(flags.getOrDefault("rate", "200")), Integer.parseInt(flags.getOrDefault("pulls", "50")),
                    Integer.parseInt(flags.getOrDefault("installations", "10")),
                    Duration.ofMillis(Long.parseLong(flags.getOrDefault("write-interval-ms", "500"))),
                    Double.parseDouble(flags.getOrDefault("fault-rate", "0.2")),
                    Integer.parseInt(flags.getOrDefault("retry-after", "1")), Long.parseLong(flags.getOrDefault("seed", "42")),
                    Duration.ofSeconds(Long.parseLong(flags.getOrDefault("settle-seconds", "600"))));
        }
    }

    /** One delivery the load balancer sends: {@code newHead} when it is the push that moved its pull request. */
    record Delivery(String id, String event, String repository, int pull, String head, boolean newHead, byte[] body,
                    JsonNode pullRequest) {}

    /** What the sender saw of one delivery. */
    record Sent(Delivery delivery, long sentAtMillis, long ackNanos, int status, int attempts) {}

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "target/migration-review.jar");
        List<String> scenarios = List.of((args.length > 1 ? args[1] : "kill,faults").split(","));
        Map<String, String> flags = new HashMap<>();
        for (int i = 2; i + 1 < args.length; i += 2) {
            flags.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Options options = Options.parse(flags);
        Path work = Files.createTempDirectory("migration-review-load");
        var out = new StringBuilder(String.format(Locale.ROOT, "migration-review load and fault run, %s, %d cores, Java %s%n"
                        + "%d deliveries at %d/s over %d pull requests in %d installations, two replicas (%s) on one embedded "
                        + "PostgreSQL, write pacing %d ms per installation%n%n", java.time.LocalDate.now(),
                Runtime.getRuntime().availableProcessors(), Runtime.version(), options.deliveries(), options.rate(),
                options.pulls(), options.installations(), jar.getFileName(), options.writeInterval().toMillis()));
        boolean allHeld = true;
        try (var postgres = EmbeddedPostgres.builder().setDataDirectory(work.resolve("postgres"))
                .setCleanDataDirectory(true).start()) {
            for (String scenario : scenarios) {
                boolean kill = scenario.equals("kill") || scenario.equals("both");
                double faultRate = scenario.equals("faults") || scenario.equals("both") ? options.faultRate() : 0;
                var run = new LoadBench(jar, work.resolve(scenario), postgres, scenario, options, kill, faultRate);
                allHeld &= run.run(out);
                System.out.print(out);
                out.setLength(0);
            }
        }
        System.exit(allHeld ? 0 : 1);
    }

    private final Path jar;
    private final Path work;
    private final EmbeddedPostgres postgres;
    private final String scenario;
    private final Options options;
    private final boolean kill;
    private final double faultRate;
    private final HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor())
            .connectTimeout(Duration.ofSeconds(2)).build();

    private LoadBench(Path jar, Path work, EmbeddedPostgres postgres, String scenario, Options options, boolean kill,
                      double faultRate) {
        this.jar = jar;
        this.work = work;
        this.postgres = postgres;
        this.scenario = scenario;
        this.options = options;
        this.kill = kill;
        this.faultRate = faultRate;
    }

    private boolean run(StringBuilder out) throws Exception {
        Files.createDirectories(work);
        String database = "load_" + scenario;
        try (Connection admin = postgres.getPostgresDatabase().getConnection()) {
            admin.createStatement().execute("DROP DATABASE IF EXISTS " + database);
            admin.createStatement().execute("CREATE DATABASE " + database);
        }
        String jdbcUrl = postgres.getJdbcUrl("postgres", database);
        var faults = new StatefulGitHub.Faults(faultRate, options.seed(), options.retryAfterSeconds());
        try (var github = new StatefulGitHub(faults)) {
            List<Delivery> plan = plan(github);
            var a = new Replica("replica-a", freePort(), jdbcUrl, github.apiUrl());
            var b = new Replica("replica-b", freePort(), jdbcUrl, github.apiUrl());
            List<Replica> incarnations = java.util.Collections.synchronizedList(new ArrayList<>(List.of(a, b)));
            try {
                a.start();
                b.start();
                List<Sent> sent = send(plan, github, new Balancer(a, b), incarnations);
                // Read now: the server's percentiles cover the last minute or two.
                String serverAcks = List.copyOf(incarnations).stream().filter(Replica::alive)
                        .map(r -> r.name + " " + r.ackQuantiles()).collect(Collectors.joining("; "));
                long lastSent = sent.stream().mapToLong(Sent::sentAtMillis).max().orElseThrow();
                Settled settled = settle(jdbcUrl, sent);
                List<Replica> all = List.copyOf(incarnations);
                all.forEach(Replica::sampleMemory);
                return report(out, github, plan, sent, settled, lastSent, all, serverAcks);
            } finally {
                List.copyOf(incarnations).forEach(Replica::stop);
            }
        }
    }

    /** Pull requests spread over the installations; each gets opened, pushed to, redelivered and edited in turn. */
    private List<Delivery> plan(StatefulGitHub github) throws IOException {
        List<FakeFile> migrations = AppBench.kratos(3);
        Map<String, String> base = AppBench.kratosBase(10);
        String opened = new String(Fixtures.webhook("pull_request/opened.json"), StandardCharsets.UTF_8);
        String synchronize = new String(Fixtures.webhook("pull_request/synchronize.json"), StandardCharsets.UTF_8);
        var plan = new ArrayList<Delivery>(options.deliveries());
        Map<Integer, Delivery> previous = new HashMap<>();
        for (int i = 0; i < options.deliveries(); i++) {
            int pull = i % options.pulls() + 1;
            int turn = i / options.pulls();
            long installation = (pull - 1) % options.installations() + 1;
            String repository = "load-org-" + installation + "/Hello-World";
            if (turn == 0) {
                github.tree(repository, base);
                github.files(repository, pull, migrations.subList(0, 1 + pull % migrations.size()));
            }
            Delivery delivery;
            if (turn % 4 == 1) {
                // GitHub redelivers with the same delivery id.
                delivery = previous.get(pull);
            } else {
                boolean push = turn % 4 != 3;
                String head = push ? GitHubFake.sha("load " + pull + " " + turn) : previous.get(pull).head();
                String action = turn == 0 ? "opened" : push ? "synchronize" : "edited";
                ObjectNode payload = payload(turn == 0 ? opened : synchronize, repository, installation, pull, head, action);
                if (turn > 0) {
                    payload.put("before", previous.get(pull).head());
                }
                delivery = new Delivery("load-" + scenario + "-" + i, "pull_request", repository, pull, head, push,
                        StatefulGitHub.JSON.writeValueAsBytes(payload), payload.path("pull_request"));
            }
            plan.add(delivery);
            previous.put(pull, delivery);
        }
        return plan;
    }

    private static ObjectNode payload(String fixture, String repository, long installation, int pull, String head, String action)
            throws IOException {
        var payload = (ObjectNode) StatefulGitHub.JSON.readTree(fixture.replace("Codertocat/Hello-World", repository));
        String owner = repository.substring(0, repository.indexOf('/'));
        payload.put("action", action).put("number", pull);
        ((ObjectNode) payload.path("installation")).put("id", installation);
        ObjectNode pullRequest = (ObjectNode) payload.path("pull_request");
        pullRequest.put("number", pull);
        for (JsonNode repo : List.of(payload.path("repository"), pullRequest.path("base").path("repo"),
                pullRequest.path("head").path("repo"))) {
            ((ObjectNode) repo.path("owner")).put("login", owner);
        }
        if (action.equals("edited")) {
            payload.putObject("changes").putObject("title").put("from", "an older title");
        }
        Fixtures.head(head).accept(payload);
        return payload;
    }

    /** A load balancer in front of the two replicas: round robin, failing over when one does not answer. */
    private static final class Balancer {
        private final Replica[] slots;

        Balancer(Replica a, Replica b) {
            slots = new Replica[] {a, b};
        }

        synchronized Replica pick(int i) {
            return slots[i % 2];
        }

        synchronized Replica other(Replica replica) {
            return slots[0] == replica ? slots[1] : slots[0];
        }

        synchronized void replace(Replica dead, Replica restarted) {
            slots[slots[0] == dead ? 0 : 1] = restarted;
        }
    }

    private List<Sent> send(List<Delivery> plan, StatefulGitHub github, Balancer balancer, List<Replica> incarnations)
            throws Exception {
        var sent = new ConcurrentHashMap<Integer, Sent>();
        var next = new AtomicInteger();
        var done = new CountDownLatch(plan.size());
        int killAt = kill ? plan.size() / 2 : -1;
        var scheduler = Executors.newScheduledThreadPool(2);
        scheduler.scheduleAtFixedRate(() -> {
            int i = next.getAndIncrement();
            if (i >= plan.size()) {
                return;
            }
            if (i == killAt) {
                Replica victim = balancer.pick(1);
                victim.kill();
                // As an orchestrator would: a new process in the dead one's place a few seconds later.
                scheduler.schedule(() -> {
                    Replica restarted = new Replica(victim.name + "-restarted", victim.port, victim.jdbcUrl, victim.apiUrl);
                    synchronized (incarnations) {
                        incarnations.add(restarted);
                    }
                    restarted.start();
                    balancer.replace(victim, restarted);
                    return null;
                }, 3, TimeUnit.SECONDS);
            }
            Delivery delivery = plan.get(i);
            if (delivery.newHead()) {
                // GitHub moves the pull request before it sends the webhook.
                github.pull(delivery.repository(), delivery.pullRequest());
            }
            Thread.ofVirtual().start(() -> {
                sent.put(i, deliver(delivery, balancer.pick(i), balancer));
                done.countDown();
            });
        }, 0, 1_000_000 / options.rate(), TimeUnit.MICROSECONDS);
        if (!done.await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("deliveries were still being sent after 5 minutes");
        }
        scheduler.shutdown();
        scheduler.awaitTermination(60, TimeUnit.SECONDS);
        return new TreeMap<>(sent).values().stream().toList();
    }

    private Sent deliver(Delivery delivery, Replica first, Balancer balancer) {
        long sentAt = System.currentTimeMillis();
        long t0 = System.nanoTime();
        Replica target = first;
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<String> response = http.send(signed(target, delivery), HttpResponse.BodyHandlers.ofString());
                return new Sent(delivery, sentAt, System.nanoTime() - t0, response.statusCode(), attempt);
            } catch (IOException noAnswer) {
                if (attempt >= 100) {
                    return new Sent(delivery, sentAt, System.nanoTime() - t0, -1, attempt);
                }
                target = balancer.other(target);
                sleep(Duration.ofMillis(attempt == 1 ? 0 : 50));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Sent(delivery, sentAt, System.nanoTime() - t0, -1, attempt);
            }
        }
    }

    private static HttpRequest signed(Replica replica, Delivery delivery) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + replica.port + "/webhook"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .header("X-GitHub-Event", delivery.event()).header("X-GitHub-Delivery", delivery.id())
                .header("X-Hub-Signature-256", WebhookSignature.sign(BotHarness.SECRET.bytes(), delivery.body()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body())).build();
    }

    /** The store once no delivery is pending or running any more. */
    record Settled(Map<String, String> statusById, long settledAtMillis, boolean timedOut) {}

    private Settled settle(String jdbcUrl, List<Sent> sent) throws SQLException {
        long deadline = System.nanoTime() + options.settleTimeout().toNanos();
        try (Connection connection = DriverManager.getConnection(jdbcUrl)) {
            while (true) {
                var statuses = new HashMap<String, String>();
                try (var rows = connection.createStatement().executeQuery("SELECT delivery_id, status FROM deliveries")) {
                    while (rows.next()) {
                        statuses.put(rows.getString(1), rows.getString(2).toUpperCase(Locale.ROOT));
                    }
                }
                boolean busy = statuses.values().stream().anyMatch(s -> s.equals("PENDING") || s.equals("RUNNING"));
                boolean allStored = sent.stream().allMatch(s -> statuses.containsKey(s.delivery().id()));
                if (!busy && allStored) {
                    return new Settled(statuses, System.currentTimeMillis(), false);
                }
                if (System.nanoTime() > deadline) {
                    return new Settled(statuses, System.currentTimeMillis(), true);
                }
                sleep(Duration.ofMillis(500));
            }
        }
    }

    private boolean report(StringBuilder out, StatefulGitHub github, List<Delivery> plan, List<Sent> sent, Settled settled,
                           long lastSent, List<Replica> incarnations, String serverAcks) {
        var problems = new ArrayList<String>();
        out.append(String.format(Locale.ROOT, "## Scenario %s: %s%s%n", scenario,
                kill ? "replica-b killed with SIGKILL after half the deliveries, restarted 3 s later" : "no replica killed",
                faultRate > 0 ? String.format(Locale.ROOT, "; %.0f%% of GitHub's answers fail (half 5xx, a third of write 5xx "
                        + "after the write took effect; half 403 secondary rate limit, Retry-After %d s)", faultRate * 100,
                        options.retryAfterSeconds()) : "; GitHub answers every request"));

        // Deliveries: acknowledged, stored, finished.
        Set<String> unique = plan.stream().map(Delivery::id).collect(Collectors.toSet());
        List<Sent> acked = sent.stream().filter(s -> s.status() / 100 == 2).toList();
        long failovers = sent.stream().filter(s -> s.attempts() > 1).count();
        List<String> lost = acked.stream().map(s -> s.delivery().id()).distinct()
                .filter(id -> !Set.of("DONE", "COALESCED").contains(settled.statusById().getOrDefault(id, "MISSING"))).toList();
        Map<String, Long> byStatus = unique.stream().collect(Collectors.groupingBy(id -> settled.statusById().getOrDefault(id,
                "MISSING"), TreeMap::new, Collectors.counting()));
        out.append(String.format(Locale.ROOT, "Deliveries: %d sent (%d unique ids, %d GitHub-style redeliveries), %d acknowledged, "
                        + "%d not acknowledged, %d failed over to the other replica; in the store: %s; lost: %d%n",
                sent.size(), unique.size(), sent.size() - unique.size(), acked.size(), sent.size() - acked.size(), failovers,
                byStatus, lost.size()));
        if (!lost.isEmpty()) {
            problems.add("deliveries acknowledged but not finished: " + lost.subList(0, Math.min(10, lost.size())));
        }
        if (acked.size() != sent.size()) {
            problems.add((sent.size() - acked.size()) + " deliveries were never acknowledged");
        }
        if (settled.timedOut()) {
            problems.add("the store did not settle within " + options.settleTimeout().toSeconds() + " s");
        }

        // Outcome on GitHub, per pull request.
        Map<Integer, Delivery> newestPush = new TreeMap<>();
        plan.stream().filter(Delivery::newHead).forEach(d -> newestPush.put(d.pull(), d));
        Map<String, List<StatefulGitHub.CheckRun>> runsByHead = github.checkRuns().stream()
                .collect(Collectors.groupingBy(StatefulGitHub.CheckRun::headSha));
        Map<Integer, Long> summaries = github.comments().stream().filter(c -> c.body().contains(MarkdownRenderer.MARKER))
                .collect(Collectors.groupingBy(StatefulGitHub.Comment::number, Collectors.counting()));
        int wrongChecks = 0;
        int wrongSummaries = 0;
        for (var entry : newestPush.entrySet()) {
            List<StatefulGitHub.CheckRun> runs = runsByHead.getOrDefault(entry.getValue().head(), List.of());
            long completed = runs.stream().filter(r -> r.completedAt() != null).count();
            if (runs.size() != 1 || completed != 1) {
                wrongChecks++;
                problems.add("pull request " + entry.getKey() + ": " + runs.size() + " check runs, " + completed
                        + " completed, for its newest head");
            }
            long comments = summaries.getOrDefault(entry.getKey(), 0L);
            if (comments != 1) {
                wrongSummaries++;
                problems.add("pull request " + entry.getKey() + ": " + comments + " summary comments");
            }
        }
        long duplicateChecks = runsByHead.values().stream().filter(runs -> runs.size() > 1).count();
        long duplicateReviews = github.reviews().stream().collect(Collectors.groupingBy(r -> r.repository() + "#" + r.number()
                + "@" + r.commitId(), Collectors.counting())).values().stream().filter(n -> n > 1).count();
        out.append(String.format(Locale.ROOT, "GitHub: %d pull requests; with exactly one completed check run for the newest head: "
                        + "%d; with exactly one summary comment: %d; heads with more than one check run: %d; heads reviewed "
                        + "(line comments) twice: %d; %d check runs, %d comments, %d reviews in all%n",
                newestPush.size(), newestPush.size() - wrongChecks, newestPush.size() - wrongSummaries, duplicateChecks,
                duplicateReviews, github.checkRuns().size(), github.comments().size(), github.reviews().size()));

        // Latency.
        List<Long> acks = acked.stream().map(Sent::ackNanos).sorted().toList();
        List<Long> completions = completionLatencies(sent, runsByHead, plan);
        out.append(String.format(Locale.ROOT, "Ack latency (client side, incl. failover): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                AppBench.ms(AppBench.percentile(acks, 50)), AppBench.ms(AppBench.percentile(acks, 99)), AppBench.ms(acks.getLast())));
        if (!completions.isEmpty()) {
            out.append(String.format(Locale.ROOT, "Completion latency (push delivered -> a completed check run for that head or a "
                            + "newer one, %d pushes): p50 %.0f ms, p99 %.0f ms, max %.0f ms; all settled %.1f s after the last "
                            + "delivery%n", completions.size(), AppBench.ms(AppBench.percentile(completions, 50)),
                    AppBench.ms(AppBench.percentile(completions, 99)), AppBench.ms(completions.getLast()),
                    (settled.settledAtMillis() - lastSent) / 1000.0));
        }

        // GitHub traffic and pacing.
        List<StatefulGitHub.Request> requests = github.requests();
        Map<String, Long> faultsSeen = requests.stream().filter(r -> r.fault() != null)
                .collect(Collectors.groupingBy(StatefulGitHub.Request::fault, TreeMap::new, Collectors.counting()));
        Pacing pacing = pacing(requests);
        out.append(String.format(Locale.ROOT, "GitHub requests: %d (%d writes), faults injected: %s; writes per installation "
                        + "at least %d ms apart (15%% slack for arrival jitter): %s (closest gap %d ms)%n", requests.size(),
                requests.stream().filter(StatefulGitHub.Request::write).count(), faultsSeen.isEmpty() ? "none" : faultsSeen,
                options.writeInterval().toMillis(), pacing.tooClose() == 0 ? "yes" : "no, " + pacing.tooClose() + " gaps shorter",
                pacing.closestMillis()));
        if (pacing.tooClose() > 0) {
            problems.add(pacing.tooClose() + " writes of one installation closer than the write interval");
        }
        out.append("Ack latency inside the replicas (verify, store, queue), as the last deliveries went out: ")
                .append(serverAcks).append('\n');
        out.append("Peak RSS (VmHWM) and CPU time per replica process: ").append(incarnations.stream()
                .map(r -> String.format(Locale.ROOT, "%s %d MB, %.1f s CPU", r.name, r.peakRssKb / 1024, r.cpuMillis / 1000.0))
                .collect(Collectors.joining("; "))).append('\n');
        out.append(problems.isEmpty() ? "Invariants: all held\n\n" : "Invariants: FAILED\n  " + String.join("\n  ",
                problems.subList(0, Math.min(30, problems.size()))) + "\n\n");
        return problems.isEmpty();
    }

    /** For each push: from its delivery until a check run completed for its head or a newer head of the same pull request. */
    private static List<Long> completionLatencies(List<Sent> sent, Map<String, List<StatefulGitHub.CheckRun>> runsByHead,
                                                  List<Delivery> plan) {
        Map<Integer, List<Delivery>> pushes = new HashMap<>();
        plan.stream().filter(Delivery::newHead).distinct().forEach(d -> pushes.computeIfAbsent(d.pull(), k -> new ArrayList<>()).add(d));
        Map<String, Sent> firstSend = new LinkedHashMap<>();
        sent.forEach(s -> firstSend.putIfAbsent(s.delivery().id(), s));
        var latencies = new ArrayList<Long>();
        for (List<Delivery> ofPull : pushes.values()) {
            for (int k = 0; k < ofPull.size(); k++) {
                Sent push = firstSend.get(ofPull.get(k).id());
                long completed = ofPull.subList(k, ofPull.size()).stream()
                        .flatMap(d -> runsByHead.getOrDefault(d.head(), List.of()).stream())
                        .filter(r -> r.completedAt() != null).mapToLong(r -> r.completedAt().toEpochMilli())
                        .filter(t -> t >= push.sentAtMillis()).min().orElse(-1);
                if (completed >= 0) {
                    latencies.add((completed - push.sentAtMillis()) * 1_000_000);
                }
            }
        }
        Collections.sort(latencies);
        return latencies;
    }

    record Pacing(long tooClose, long closestMillis) {}

    private Pacing pacing(List<StatefulGitHub.Request> requests) {
        Map<Long, List<Long>> writes = requests.stream().filter(StatefulGitHub.Request::write)
                .collect(Collectors.groupingBy(StatefulGitHub.Request::installation,
                        Collectors.mapping(StatefulGitHub.Request::atNanos, Collectors.toList())));
        long tooClose = 0;
        long closest = Long.MAX_VALUE;
        // Slack for the time between a replica's pacer letting a write go and WireMock reading it,
        // which on two cores shared by everything in this run reaches tens of milliseconds.
        long minimum = options.writeInterval().toNanos() * 85 / 100;
        for (List<Long> times : writes.values()) {
            List<Long> sorted = times.stream().sorted().toList();
            for (int i = 1; i < sorted.size(); i++) {
                long gap = sorted.get(i) - sorted.get(i - 1);
                closest = Math.min(closest, gap);
                if (gap < minimum) {
                    tooClose++;
                }
            }
        }
        return new Pacing(tooClose, closest == Long.MAX_VALUE ? -1 : TimeUnit.NANOSECONDS.toMillis(closest));
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One replica process: the packaged jar with the Dockerfile's JVM flags. */
    private final class Replica {
        final String name;
        final int port;
        final String jdbcUrl;
        final String apiUrl;
        Process process;
        long peakRssKb;
        long cpuMillis;

        Replica(String name, int port, String jdbcUrl, String apiUrl) {
            this.name = name;
            this.port = port;
            this.jdbcUrl = jdbcUrl;
            this.apiUrl = apiUrl;
        }

        void start() throws IOException {
            String java = ProcessHandle.current().info().command().orElse("java");
            var command = new ArrayList<>(List.of(java));
            command.addAll(AppBench.DOCKERFILE_JVM_FLAGS);
            command.addAll(List.of("-jar", jar.toString(), "serve", "--host", "127.0.0.1",
                    "--port", Integer.toString(port), "--data-dir", work.resolve(name).toString(), "--database-url", jdbcUrl,
                    "--github-api-url", apiUrl, "--app-id", Long.toString(BotHarness.APP_ID),
                    "--write-interval", Long.toString(options.writeInterval().toMillis()), "--instance-id", name,
                    "--take-over-after", "10000", "--reconcile-minutes", "0", "--sweep-minutes", "0"));
            var builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve(name + ".log").toFile()));
            builder.environment().put("GITHUB_PRIVATE_KEY", TestKeys.PKCS8_PEM);
            builder.environment().put("WEBHOOK_SECRET", new String(BotHarness.SECRET.bytes(), StandardCharsets.UTF_8));
            process = builder.start();
            awaitHealthy();
        }

        private void awaitHealthy() {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited at start; see " + work.resolve(name + ".log"));
                }
                try {
                    if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // still starting
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                sleep(Duration.ofMillis(50));
            }
            throw new IllegalStateException(name + " did not become ready within 60 s");
        }

        boolean alive() {
            return process != null && process.isAlive();
        }

        /** The server's own ack timer quantiles, from its Prometheus page. */
        String ackQuantiles() {
            try {
                String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                return metrics.lines().filter(l -> l.startsWith("migration_review_webhook_ack_seconds{") && l.contains("quantile"))
                        .map(l -> l.replaceAll(".*quantile=\"([0-9.]+)\".* ([0-9.eE-]+)$", "p$1 ")
                                + String.format(Locale.ROOT, "%.1f ms", Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)) * 1000))
                        .collect(Collectors.joining(", "));
            } catch (IOException | InterruptedException e) {
                return "metrics unavailable (" + e + ")";
            }
        }

        void kill() {
            sampleMemory();
            process.destroyForcibly();
        }

        void sampleMemory() {
            if (process != null && process.isAlive()) {
                try {
                    for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                        if (line.startsWith("VmHWM:")) {
                            peakRssKb = Math.max(peakRssKb, Long.parseLong(line.replaceAll("[^0-9]", "")));
                        }
                    }
                    cpuMillis = process.info().totalCpuDuration().map(Duration::toMillis).orElse(cpuMillis);
                } catch (IOException gone) {
                    // the process ended between the check and the read
                }
            }
        }

        void stop() {
            if (process != null && process.isAlive()) {
                process.destroy();
                try {
                    if (!process.waitFor(20, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}

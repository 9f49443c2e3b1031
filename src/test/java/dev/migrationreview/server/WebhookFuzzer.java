package dev.migrationreview.server;

import static dev.migrationreview.fuzz.ByteMutations.utf8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrationreview.fuzz.ByteMutations;
import dev.migrationreview.fuzz.FuzzCase;
import dev.migrationreview.fuzz.FuzzTally;
import dev.migrationreview.fuzz.Fuzzer;
import dev.migrationreview.fuzz.JsonMutations;
import dev.migrationreview.fuzz.JsonMutations.Document;
import dev.migrationreview.fuzz.JsonMutations.Slot;
import dev.migrationreview.fuzz.RawHttp;
import dev.migrationreview.fuzz.RawHttp.Exchange;
import dev.migrationreview.fuzz.RawHttp.Framing;
import dev.migrationreview.fuzz.WeightedChoice;
import dev.migrationreview.server.GitHubFake.FakeFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Sends {@code POST /webhook} what GitHub never would, built from the real payloads of the shared
 * fixtures: truncated and mutated JSON (wrong types, missing fields, extreme numbers, deep
 * nesting, megabyte strings, Unicode edge cases), bodies over GitHub's 25 MB, bad signatures,
 * wrong headers and content types, chunked, slow and wrongly framed bodies. Signed payloads must
 * be accepted (2xx) or refused (4xx), never answered 5xx, within the request timeout; unsigned
 * ones must be refused. After the run the server must be healthy, its queue drained (nothing left
 * running), and a normal delivery still reviewed end to end: its check run completes on the fake
 * GitHub.
 */
public final class WebhookFuzzer implements Fuzzer {

    public static final String NAME = "webhook";
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(120);
    private static final long LIMIT = ServerSettings.MAX_WEBHOOK_BYTES;
    /** Pull requests whose files the fake GitHub serves in hostile shapes (see {@link #serveHostileFiles}). */
    private static final int FIRST_HOSTILE_PR = 31;
    private static final int FINAL_PR = 4711;
    private static final String CHECK_RUNS = "/repos/" + GitHubFake.REPO + "/check-runs";

    private final URI base;
    private final byte[] secret;
    private final Optional<String> adminToken;
    private final Optional<GitHubFake> github;
    private final Optional<BotHarness> ownBot;
    private final List<Fixture> fixtures;
    private final WeightedChoice<Function<Random, Attempt>> kinds = kinds();
    private final List<String> hostileVariants = new ArrayList<>();

    /** A real payload of the shared fixtures and the event it was delivered as. */
    private record Fixture(String event, String name, byte[] body) {}

    /** What the server may answer to a request. */
    private enum Expect {
        /** Accepted or refused as the client's mistake: 2xx or 4xx. */
        ANSWERED,
        /** Must be refused: any 4xx; a 2xx is a failure. */
        REFUSED,
        /** GitHub's own deliveries in odd framing: 2xx. */
        ACCEPTED,
        /** Over GitHub's limit: 413, or 400. */
        TOO_LARGE
    }

    private record Attempt(String category, String description, RawHttp.Request request, Expect expect) {}

    private WebhookFuzzer(URI base, byte[] secret, Optional<String> adminToken, Optional<GitHubFake> github,
                          Optional<BotHarness> ownBot, Path shared) {
        this.base = base;
        this.secret = secret.clone();
        this.adminToken = adminToken;
        this.github = github;
        this.ownBot = ownBot;
        this.fixtures = readFixtures(shared.resolve("fixtures/webhooks"));
        github.ifPresent(this::serveHostileFiles);
    }

    /** A bot started in this process on a random port, as the tests start it, with a fake GitHub and its own store in {@code data}. */
    public static WebhookFuzzer inProcess(Path shared, Path data) {
        var github = new GitHubFake();
        try {
            var bot = BotHarness.start(github, BotHarness.settings(github, data, true));
            return new WebhookFuzzer(URI.create(bot.url("")), BotHarness.SECRET.bytes(), Optional.of("admin-token"),
                    Optional.of(github), Optional.of(bot), shared);
        } catch (RuntimeException e) {
            github.close();
            throw e;
        }
    }

    /**
     * A server running elsewhere (e.g. {@code java -jar target/migration-review.jar serve}). With
     * its admin token the queue is checked after the run; with {@code githubPort} the fuzzer plays
     * GitHub there (start the server with {@code GITHUB_API_URL=http://127.0.0.1:PORT}) and checks
     * a review end to end.
     */
    public static WebhookFuzzer remote(Path shared, URI base, byte[] secret, Optional<String> adminToken, Optional<Integer> githubPort) {
        Optional<GitHubFake> github = githubPort.map(GitHubFake::new);
        return new WebhookFuzzer(base, secret, adminToken, github, Optional.empty(), shared);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> categories() {
        return kinds.names();
    }

    private WeightedChoice<Function<Random, Attempt>> kinds() {
        return new WeightedChoice<Function<Random, Attempt>>()
                .add("truncated-json", 10, this::truncatedJson)
                .add("wrong-types", 16, this::wrongTypes)
                .add("missing-fields", 10, this::missingFields)
                .add("extreme-numbers", 8, this::extremeNumbers)
                .add("deep-nesting", 4, this::deepNesting)
                .add("huge-strings", 3, this::hugeStrings)
                .add("unicode", 8, this::unicode)
                .add("oversize-body", 1, this::oversizeBody)
                .add("bad-signature", 8, this::badSignature)
                .add("headers", 8, this::headers)
                .add("duplicate-delivery", 3, this::duplicateDelivery)
                .add("content-type", 4, this::contentType)
                .add("chunked", 4, this::chunked)
                .add("slow-body", 1, this::slowBody)
                .add("http-framing", 4, this::httpFraming)
                .add("hostile-github-files", 2, this::hostileGitHubFiles);
    }

    @Override
    public void run(FuzzCase fuzzCase, FuzzTally tally) {
        Random random = fuzzCase.random();
        Attempt attempt = kinds.pick(random, fuzzCase.categories()).getValue().apply(random);
        tally.tried(NAME, attempt.category());
        Exchange exchange = RawHttp.exchange(base, attempt.request(), REQUEST_TIMEOUT);
        judge(fuzzCase, attempt, exchange, tally);
        if (attempt.category().equals("duplicate-delivery") && exchange.status() == 202) {
            Exchange again = RawHttp.exchange(base, attempt.request(), REQUEST_TIMEOUT);
            judge(fuzzCase, attempt, again, tally);
            if (again.status() == 202 && !again.response().orElseThrow().bodyText().contains("\"duplicate\"")) {
                tally.failed(fuzzCase, attempt.category(), "a redelivery was not recognised as a duplicate",
                        attempt.description() + "\n" + again.response().orElseThrow().bodyText());
            }
        }
    }

    private void judge(FuzzCase fuzzCase, Attempt attempt, Exchange exchange, FuzzTally tally) {
        String what = attempt.description() + " (" + attempt.request().body().length() + " bytes, "
                + attempt.request().framing().name().toLowerCase(Locale.ROOT) + ")";
        int status = exchange.status();
        String answer = exchange.response().map(r -> "answer " + r.status() + ": " + shorten(r.bodyText())).orElse("no answer")
                + exchange.failure().map(f -> "; " + f).orElse("");
        if (exchange.timedOut()) {
            tally.failed(fuzzCase, attempt.category(), "no answer within " + REQUEST_TIMEOUT.toSeconds() + " s (hang)", what + "\n" + answer);
        } else if (status < 0) {
            tally.failed(fuzzCase, attempt.category(), "connection ended without an answer", what + "\n" + answer);
        } else if (status >= 500) {
            tally.failed(fuzzCase, attempt.category(), "answered " + status, what + "\n" + answer);
        } else if (!expected(attempt.expect(), status)) {
            tally.failed(fuzzCase, attempt.category(), "answered " + status + " where " + attempt.expect().name().toLowerCase(Locale.ROOT)
                    + " was expected", what + "\n" + answer);
        } else if (attempt.expect() == Expect.TOO_LARGE && exchange.bytesSent() > 2 * LIMIT) {
            tally.failed(fuzzCase, attempt.category(), "read " + exchange.bytesSent() / (1 << 20) + " MB before refusing a body over "
                    + LIMIT / (1 << 20) + " MB", what + "\n" + answer);
        }
    }

    private static boolean expected(Expect expect, int status) {
        return switch (expect) {
            case ANSWERED -> status < 300 || status >= 400;
            case REFUSED -> status >= 400;
            case ACCEPTED -> status >= 200 && status < 300;
            case TOO_LARGE -> status == 413 || status == 400;
        };
    }

    // ---- payload mutations (all signed) -------------------------------------------------------------------

    private Attempt truncatedJson(Random random) {
        Fixture fixture = fixture(random);
        byte[] cut = ByteMutations.truncate(fixture.body(), random);
        return signedAttempt("truncated-json", fixture.name() + " cut at byte " + cut.length, fixture.event(), cut, random);
    }

    private Attempt wrongTypes(Random random) {
        Fixture fixture = fixture(random);
        var document = new Document(fixture.body());
        var changed = new ArrayList<String>();
        List<Slot> slots = document.slots();
        for (int i = 0, n = 1 + random.nextInt(5); i < n && !slots.isEmpty(); i++) {
            Slot slot = slots.get(random.nextInt(slots.size()));
            slot.set(JsonMutations.wrongType(slot.value(), random));
            changed.add(slot.describe());
            slots = document.slots();
        }
        return signedAttempt("wrong-types", fixture.name() + " with wrong types at " + changed, fixture.event(), document.bytes(), random);
    }

    private static final List<String> KEY_FIELDS = List.of("installation", "installation.id", "repository", "repository.id",
            "repository.full_name", "repository.owner", "pull_request", "pull_request.number", "number", "action", "sender",
            "pull_request.head", "pull_request.head.sha", "pull_request.head.repo", "pull_request.base", "pull_request.base.ref",
            "pull_request.user", "check_run", "check_run.pull_requests", "check_run.app", "check_run.name", "check_suite",
            "check_suite.pull_requests", "comment", "comment.body", "comment.user", "issue", "issue.pull_request", "issue.number",
            "review", "requested_action", "changes", "repositories_added", "installation.account");

    private Attempt missingFields(Random random) {
        Fixture fixture = fixture(random);
        var document = new Document(fixture.body());
        var removed = new ArrayList<String>();
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
            String field = pick(random, KEY_FIELDS);
            document.slot(field).ifPresent(slot -> {
                if (random.nextBoolean()) {
                    slot.remove();
                    removed.add(field);
                } else {
                    slot.set(com.fasterxml.jackson.databind.node.NullNode.getInstance());
                    removed.add(field + "=null");
                }
            });
        }
        return signedAttempt("missing-fields", fixture.name() + " without " + removed, fixture.event(), document.bytes(), random);
    }

    private static final List<String> ID_FIELDS = List.of("number", "pull_request.number", "pull_request.id", "repository.id",
            "installation.id", "check_run.id", "check_run.app.id", "check_suite.id", "comment.id", "issue.number", "review.id",
            "sender.id", "pull_request.head.repo.id", "pull_request.commits", "pull_request.changed_files");

    private Attempt extremeNumbers(Random random) {
        Fixture fixture = fixture(random);
        var document = new Document(fixture.body());
        var changed = new ArrayList<String>();
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
            Optional<Slot> slot = random.nextBoolean() ? document.slot(pick(random, ID_FIELDS))
                    : document.slots().stream().filter(s -> s.value().isNumber()).skip(random.nextInt(20)).findFirst();
            slot.ifPresent(s -> {
                JsonNode number = JsonMutations.extremeNumber(random);
                s.set(number);
                changed.add(s.describe() + "=" + shorten(number.toString()));
            });
        }
        return signedAttempt("extreme-numbers", fixture.name() + " with " + changed, fixture.event(), document.bytes(), random);
    }

    private Attempt deepNesting(Random random) {
        Fixture fixture = fixture(random);
        var document = new Document(fixture.body());
        int depth = pick(random, List.of(100, 999, 1_000, 1_001, 5_000, 100_000));
        boolean objects = random.nextBoolean();
        boolean closed = random.nextInt(4) > 0;
        List<Slot> slots = document.slots();
        Slot slot = slots.get(random.nextInt(slots.size()));
        document.spliceRaw(slot, JsonMutations.nested(depth, objects, closed));
        return signedAttempt("deep-nesting", fixture.name() + " with " + depth + " nested " + (objects ? "objects" : "arrays")
                + (closed ? "" : " (unclosed)") + " at " + slot.describe(), fixture.event(), document.bytes(), random);
    }

    private static final List<String> STRING_FIELDS = List.of("pull_request.title", "pull_request.body", "pull_request.head.ref",
            "pull_request.base.ref", "pull_request.head.sha", "repository.full_name", "repository.name", "sender.login",
            "comment.body", "check_run.name", "check_run.head_sha", "action", "pull_request.user.login", "review.body",
            "requested_action.identifier", "installation.account.login", "pull_request.head.label");

    private Attempt hugeStrings(Random random) {
        Fixture fixture = fixture(random);
        var document = new Document(fixture.body());
        var changed = new ArrayList<String>();
        long budget = 24L << 20;
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
            int megabytes = 1 + random.nextInt(8);
            String field = pick(random, STRING_FIELDS);
            Optional<Slot> slot = document.slot(field);
            if (slot.isPresent() && budget >= (long) megabytes << 20) {
                budget -= (long) megabytes << 20;
                byte[] text = ByteMutations.repeat(utf8(pick(random, List.of("x", "db/migrate/", "é", "\\\"", "/migration-review plan "))),
                        megabytes << 20);
                document.spliceRaw(slot.get(), ByteMutations.insert(ByteMutations.insert(text, 0, utf8("\"")), text.length + 1, utf8("\"")));
                changed.add(field + " of " + megabytes + " MB");
            }
        }
        return signedAttempt("huge-strings", fixture.name() + " with " + changed, fixture.event(), document.bytes(), random);
    }

    /** JSON string text as it would stand in the body, quotes included: escapes, raw bytes, and invalid UTF-8. */
    private static final List<byte[]> ODD_STRINGS = Stream.of(
            utf8("\"\\ud800\""), utf8("\"\\udc00 x\""), utf8("\"a\\ud83d\""), utf8("\"\\u0000\""), utf8("\"x\\u0000y\""),
            utf8("\"\u202Eevil\u202C\""), utf8("\"\uFEFF\""), utf8("\"\uFFFF\uFFFE\""), utf8("\"\uD83D\uDE00\""),
            utf8("\"e\u0301".repeat(5_000) + "\""), utf8("\"\u2028\u2029\""), utf8("\"../../etc/passwd\""),
            utf8("\"<script>alert(1)</script>\""), utf8("\"%00%0d%0a\""), utf8("\"\r\n\""),
            ByteMutations.bytes('"', 0xED, 0xA0, 0x80, '"'), ByteMutations.bytes('"', 0xC0, 0x80, '"'),
            ByteMutations.bytes('"', 0xFF, 0xFE, '"'), ByteMutations.bytes('"', 0x00, '"'), ByteMutations.bytes('"', 0x1F, '"'),
            ByteMutations.bytes('"', 0xF4, 0x90, 0x80, 0x80, '"')).toList();

    private Attempt unicode(Random random) {
        Fixture fixture = fixture(random);
        var document = new Document(fixture.body());
        List<Slot> strings = document.slots().stream().filter(s -> s.value().isTextual()).toList();
        var changed = new ArrayList<String>();
        for (int i = 0, n = 1 + random.nextInt(5); i < n && !strings.isEmpty(); i++) {
            Slot slot = random.nextBoolean() ? document.slot(pick(random, STRING_FIELDS)).orElse(strings.getFirst())
                    : strings.get(random.nextInt(strings.size()));
            document.spliceRaw(slot, pick(random, ODD_STRINGS));
            changed.add(slot.describe());
        }
        byte[] body = document.bytes();
        if (random.nextInt(6) == 0) {
            body = ByteMutations.insert(body, 0, utf8("\uFEFF"));
            changed.add("a byte order mark first");
        }
        return signedAttempt("unicode", fixture.name() + " with odd text at " + changed, fixture.event(), body, random);
    }

    // ---- size, signatures, headers, framing ---------------------------------------------------------------

    private Attempt oversizeBody(Random random) {
        byte[] prefix = utf8("{\"action\":\"opened\",\"padding\":\"");
        byte[] unit = utf8("0123456789abcdef");
        return switch (random.nextInt(4)) {
            case 0 -> {
                byte[] body = ByteMutations.repeat(unit, (int) LIMIT + 1);
                System.arraycopy(prefix, 0, body, 0, prefix.length);
                yield new Attempt("oversize-body", "signed body one byte over the limit", signed("pull_request", deliveryId(random), body),
                        Expect.TOO_LARGE);
            }
            case 1 -> new Attempt("oversize-body", "unsigned 30 MB body", new RawHttp.Request("POST", "/webhook",
                    githubHeaders("pull_request", deliveryId(random), "sha256=" + "0".repeat(64)),
                    RawHttp.Body.repeat(prefix, unit, 30L << 20), Framing.LENGTH, Duration.ZERO), Expect.TOO_LARGE);
            case 2 -> new Attempt("oversize-body", "chunked body of 200 MB (no length given)", new RawHttp.Request("POST", "/webhook",
                    githubHeaders("pull_request", deliveryId(random), "sha256=" + "0".repeat(64)),
                    RawHttp.Body.repeat(prefix, unit, 200L << 20), Framing.CHUNKED, Duration.ZERO), Expect.TOO_LARGE);
            default -> new Attempt("oversize-body", "Content-Length of 10 GB, nothing sent after the headers",
                    new RawHttp.Request("POST", "/webhook", withHeader(githubHeaders("pull_request", deliveryId(random),
                            "sha256=" + "0".repeat(64)), "Content-Length", Long.toString(10L << 30)),
                            RawHttp.Body.of(new byte[0]), Framing.NONE, Duration.ZERO), Expect.TOO_LARGE);
        };
    }

    private Attempt badSignature(Random random) {
        Fixture fixture = fixture(random);
        byte[] body = fixture.body();
        String good = WebhookSignature.sign(secret, body);
        String variant = pick(random, List.of("wrong secret", "sha1", "short hex", "long hex", "empty", "missing", "prefix only",
                "not hex", "other body", "body changed after signing", "two headers, wrong first", "no prefix", "spaces"));
        String signature = switch (variant) {
            case "wrong secret" -> WebhookSignature.sign(utf8("not the secret"), body);
            case "sha1" -> "sha1=" + good.substring(7, 47);
            case "short hex" -> good.substring(0, good.length() - 2);
            case "long hex" -> good + "00";
            case "empty", "missing" -> "";
            case "prefix only" -> "sha256=";
            case "not hex" -> "sha256=" + "zz".repeat(32);
            case "other body" -> WebhookSignature.sign(secret, utf8("{}"));
            case "no prefix" -> good.substring(7);
            case "spaces" -> " " + good.substring(0, 20) + " " + good.substring(20);
            default -> good;
        };
        List<String[]> headers = githubHeaders(fixture.event(), deliveryId(random), signature);
        if (variant.equals("missing")) {
            headers.removeIf(h -> h[0].equals("X-Hub-Signature-256"));
        }
        if (variant.equals("two headers, wrong first")) {
            headers.addFirst(new String[] {"X-Hub-Signature-256", WebhookSignature.sign(utf8("x"), body)});
        }
        if (variant.equals("body changed after signing")) {
            body = body.clone();
            body[random.nextInt(body.length)] ^= 1;
        }
        return new Attempt("bad-signature", fixture.name() + " signed: " + variant, RawHttp.Request.post("/webhook", headers, body),
                Expect.REFUSED);
    }

    private Attempt headers(Random random) {
        Fixture fixture = fixture(random);
        byte[] body = fixture.body();
        String signature = WebhookSignature.sign(secret, body);
        String id = deliveryId(random);
        String variant = pick(random, List.of("unknown event", "no event", "no delivery id", "empty event", "event with odd characters",
                "very long event", "the sweep's internal event", "delivery id posing as the sweep", "very long delivery id",
                "delivery id with odd characters", "two event headers", "lower-case header names", "a 64 KB header",
                "300 headers", "non-ASCII header value"));
        List<String[]> headers = githubHeaders(fixture.event(), id, signature);
        Expect expect = Expect.ANSWERED;
        switch (variant) {
            case "unknown event" -> {
                replace(headers, "X-GitHub-Event", "deployment_protection_rule_" + (char) ('a' + random.nextInt(26)));
                expect = Expect.ACCEPTED;
            }
            case "no event" -> {
                headers.removeIf(h -> h[0].equals("X-GitHub-Event"));
                expect = Expect.REFUSED;
            }
            case "no delivery id" -> {
                headers.removeIf(h -> h[0].equals("X-GitHub-Delivery"));
                expect = Expect.REFUSED;
            }
            case "empty event" -> {
                replace(headers, "X-GitHub-Event", "");
                expect = Expect.REFUSED;
            }
            case "event with odd characters" -> replace(headers, "X-GitHub-Event", "pull_request\u00e9;DROP\t$x");
            case "very long event" -> replace(headers, "X-GitHub-Event", "p".repeat(5_000));
            case "the sweep's internal event" -> {
                replace(headers, "X-GitHub-Event", dev.migrationreview.inbox.EventRouter.SWEEP_EVENT);
                expect = Expect.REFUSED;
            }
            case "delivery id posing as the sweep" -> {
                replace(headers, "X-GitHub-Delivery", "sweep@186853002-2-" + "a".repeat(40));
                expect = Expect.REFUSED;
            }
            case "very long delivery id" -> replace(headers, "X-GitHub-Delivery", "d".repeat(10_000));
            case "delivery id with odd characters" -> replace(headers, "X-GitHub-Delivery", "../../x%00' OR 1=1 --");
            case "two event headers" -> headers.add(new String[] {"X-GitHub-Event", "installation"});
            case "lower-case header names" -> headers.replaceAll(h -> new String[] {h[0].toLowerCase(Locale.ROOT), h[1]});
            case "a 64 KB header" -> headers.add(new String[] {"X-Padding", "p".repeat(64 * 1024)});
            case "300 headers" -> IntStream.range(0, 300).forEach(i -> headers.add(new String[] {"X-Extra-" + i, "v"}));
            default -> headers.add(new String[] {"X-GitHub-Hook-Installation-Target-Type", "\u00ff\u00fe"});
        }
        return new Attempt("headers", fixture.name() + ": " + variant, RawHttp.Request.post("/webhook", headers, body), expect);
    }

    /** A delivery that is stored (a pull request event of ours), sent twice: the second must be recognised. */
    private Attempt duplicateDelivery(Random random) {
        byte[] body = Fixtures.webhook("pull_request/synchronize.json", Fixtures.head(sha(random)));
        return new Attempt("duplicate-delivery", "pull_request.synchronize sent twice", signed("pull_request", deliveryId(random), body),
                Expect.ACCEPTED);
    }

    private Attempt contentType(Random random) {
        Fixture fixture = fixture(random);
        String variant = pick(random, List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "none", "application/json; charset=utf-16", "application/json; charset=nonsense", ";;;"));
        byte[] body = variant.equals("application/x-www-form-urlencoded")
                ? utf8("payload=" + URLEncoder.encode(new String(fixture.body(), StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                : fixture.body();
        List<String[]> headers = githubHeaders(fixture.event(), deliveryId(random), WebhookSignature.sign(secret, body));
        if (variant.equals("none")) {
            headers.removeIf(h -> h[0].equals("Content-Type"));
        } else {
            replace(headers, "Content-Type", variant);
        }
        return new Attempt("content-type", fixture.name() + " as " + variant, RawHttp.Request.post("/webhook", headers, body), Expect.ANSWERED);
    }

    private Attempt chunked(Random random) {
        Fixture fixture = fixture(random);
        return new Attempt("chunked", fixture.name() + " in chunks", signed(fixture.event(), deliveryId(random), fixture.body())
                .framed(Framing.CHUNKED), Expect.ACCEPTED);
    }

    private Attempt slowBody(Random random) {
        Fixture fixture = fixture(random);
        Duration over = Duration.ofMillis(500 + random.nextInt(2_500));
        return new Attempt("slow-body", fixture.name() + " trickled over " + over.toMillis() + " ms",
                signed(fixture.event(), deliveryId(random), fixture.body()).framed(random.nextBoolean() ? Framing.CHUNKED : Framing.LENGTH)
                        .trickled(over), Expect.ACCEPTED);
    }

    private Attempt httpFraming(Random random) {
        Fixture fixture = fixture(random);
        byte[] body = fixture.body();
        String id = deliveryId(random);
        List<String[]> headers = githubHeaders(fixture.event(), id, WebhookSignature.sign(secret, body));
        String variant = pick(random, List.of("no length", "length shorter than the body", "length and chunked", "bad chunk size",
                "negative length", "two lengths", "GET", "PUT", "query string", "path with dot segments"));
        RawHttp.Request request = switch (variant) {
            case "no length" -> RawHttp.Request.post("/webhook", headers, body).framed(Framing.NONE);
            case "length shorter than the body" -> new RawHttp.Request("POST", "/webhook",
                    withHeader(headers, "Content-Length", Integer.toString(body.length / 2)), RawHttp.Body.of(body), Framing.AS_GIVEN,
                    Duration.ZERO);
            case "length and chunked" -> RawHttp.Request.post("/webhook", withHeader(headers, "Content-Length",
                    Integer.toString(body.length)), body).framed(Framing.CHUNKED);
            case "bad chunk size" -> new RawHttp.Request("POST", "/webhook", withHeader(headers, "Transfer-Encoding", "chunked"),
                    RawHttp.Body.of(utf8("zz\r\n{}\r\n0\r\n\r\n")), Framing.AS_GIVEN, Duration.ZERO);
            case "negative length" -> new RawHttp.Request("POST", "/webhook", withHeader(headers, "Content-Length", "-5"),
                    RawHttp.Body.of(body), Framing.AS_GIVEN, Duration.ZERO);
            case "two lengths" -> RawHttp.Request.post("/webhook", withHeader(headers, "Content-Length", "3"), body);
            case "GET" -> new RawHttp.Request("GET", "/webhook", headers, RawHttp.Body.of(new byte[0]), Framing.NONE, Duration.ZERO);
            case "PUT" -> new RawHttp.Request("PUT", "/webhook", headers, RawHttp.Body.of(body), Framing.LENGTH, Duration.ZERO);
            case "query string" -> new RawHttp.Request("POST", "/webhook?x=" + "%".repeat(3) + "&y=1", headers, RawHttp.Body.of(body),
                    Framing.LENGTH, Duration.ZERO);
            default -> new RawHttp.Request("POST", "/x/../webhook/./", headers, RawHttp.Body.of(body), Framing.LENGTH, Duration.ZERO);
        };
        return new Attempt("http-framing", fixture.name() + ": " + variant, request, Expect.ANSWERED);
    }

    /** A valid delivery for a pull request whose files the fake GitHub serves in a hostile shape; the worker reviews it. */
    private Attempt hostileGitHubFiles(Random random) {
        if (hostileVariants.isEmpty()) {
            return chunked(random);
        }
        int index = random.nextInt(hostileVariants.size());
        int number = FIRST_HOSTILE_PR + index;
        byte[] body = Fixtures.webhook("pull_request/synchronize.json", payload -> {
            Fixtures.head(sha(random)).accept(payload);
            payload.put("number", number);
            ((ObjectNode) payload.path("pull_request")).put("number", number);
        });
        // GitHub has the pushed head before it sends the webhook; the bot may ask for it.
        github.ifPresent(fake -> fake.delivered(body));
        return new Attempt("hostile-github-files", "pull request " + number + ": " + hostileVariants.get(index),
                signed("pull_request", deliveryId(random), body), Expect.ACCEPTED);
    }

    /** Files GitHub could list for a pull request, at their most awkward: reviewed by the worker after the 202. */
    private void serveHostileFiles(GitHubFake fake) {
        fake.tree(Map.of(AppReviewEndToEndTest.REPO_DIR + "migration_lock.toml",
                Fixtures.corpus(AppReviewEndToEndTest.CORPUS + "migration_lock.toml")));
        fake.files(2, AppReviewEndToEndTest.BAD);
        fake.files(FINAL_PR, AppReviewEndToEndTest.BAD);
        var variants = new LinkedHashMap<String, List<FakeFile>>();
        variants.put("a file name of 1 MB", List.of(FakeFile.added("db/migration/V9__" + "a".repeat(1 << 20) + ".sql",
                "DROP TABLE t;\n")));
        variants.put("file names with NUL, right-to-left marks, dot segments and line breaks", List.of(
                FakeFile.added("db/migration/V9__nul\u0000.sql", "DROP TABLE a;\n"),
                FakeFile.added("db/migration/V10__\u202Etxt.sql", "DROP TABLE b;\n"),
                FakeFile.added("../../etc/V11__passwd.sql", "DROP TABLE c;\n"),
                FakeFile.added("db/migration/V12__line\nbreak.sql", "DROP TABLE d;\n")));
        variants.put("a migration of 10,000 nested parentheses", List.of(FakeFile.added("db/migration/V9__deep.sql",
                "SELECT " + "(".repeat(10_000) + "1" + ")".repeat(10_000) + ";\n")));
        variants.put("300 migrations", IntStream.range(0, 300).mapToObj(i -> FakeFile.added("db/migration/V" + (100 + i)
                + "__m.sql", "ALTER TABLE users ADD COLUMN c" + i + " int NOT NULL;\n")).toList());
        variants.put("a Liquibase changelog with an entity bomb", List.of(FakeFile.added("db/changelog/bomb.xml",
                "<!DOCTYPE databaseChangeLog [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                        + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>\n<databaseChangeLog><changeSet id=\"1\" author=\"f\">"
                        + "<sql>&c;&c;&c;&c;&c;&c;&c;&c;</sql></changeSet></databaseChangeLog>\n")));
        int number = FIRST_HOSTILE_PR;
        for (var variant : variants.entrySet()) {
            fake.files(number++, variant.getValue());
            hostileVariants.add(variant.getKey());
        }
    }

    // ---- after the run -------------------------------------------------------------------------------------

    @Override
    public void checkAfterRun(FuzzTally tally) {
        checkHealth(tally);
        if (adminToken.isEmpty()) {
            tally.note(NAME, "the queue was not checked (no admin token)");
        } else {
            checkQueueDrains(tally);
        }
        if (github.isEmpty()) {
            tally.note(NAME, "no review end to end was checked (the fuzzer does not play GitHub for this server)");
        } else {
            checkReviewEndToEnd(tally);
        }
        checkHealth(tally);
    }

    private void checkHealth(FuzzTally tally) {
        for (String path : List.of("/healthz", "/readyz")) {
            Exchange health = RawHttp.exchange(base, new RawHttp.Request("GET", path, List.of(), RawHttp.Body.of(new byte[0]),
                    Framing.NONE, Duration.ZERO), REQUEST_TIMEOUT);
            if (health.status() != 200) {
                tally.failedAfterRun(NAME, path + " answered " + health.status(), health.failure().orElse(""));
            }
        }
    }

    /** Waits until no delivery is running or waiting; lists parked deliveries whose reason is a bug of ours, not GitHub's answer. */
    private void checkQueueDrains(FuzzTally tally) {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        JsonNode listing = deliveries("running");
        JsonNode counts = listing.path("counts");
        while (counts.path("running").asLong() + counts.path("pending").asLong() > 0 && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(250));
            listing = deliveries("running");
            counts = listing.path("counts");
        }
        if (!counts.isObject()) {
            tally.failedAfterRun(NAME, "the admin listing of deliveries could not be read", listing.toString());
            return;
        }
        tally.note(NAME, "deliveries after the run " + counts);
        if (counts.path("running").asLong() + counts.path("pending").asLong() > 0) {
            tally.failedAfterRun(NAME, "deliveries still running or pending " + DRAIN_TIMEOUT.toSeconds() + " s after the run",
                    deliveries("running").toPrettyString());
        }
        var reasons = new LinkedHashMap<String, Integer>();
        for (JsonNode parked : deliveries("parked").path("deliveries")) {
            String reason = parked.path("last_error").asText();
            // Numbers, URLs and what follows a colon differ from delivery to delivery; the kind of reason does not.
            String kind = reason.replaceAll("\\d+", "N").replaceAll("https?://\\S+", "URL").replaceAll("(?s):.*", "");
            reasons.merge(kind, 1, Integer::sum);
            if (!EXPECTED_PARKING.matcher(reason).find()) {
                tally.failedAfterRun(NAME, "a delivery was parked after an error of the bot's own: " + shorten(reason),
                        parked.toPrettyString());
            }
        }
        tally.note(NAME, reasons.values().stream().mapToInt(Integer::intValue).sum() + " deliveries parked, for "
                + reasons.size() + " reasons; the most frequent:");
        reasons.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(8)
                .forEach(reason -> tally.note(NAME, String.format(Locale.ROOT, "  %5d x %s", reason.getValue(), shorten(reason.getKey()))));
    }

    /**
     * Reasons a mutated delivery may rightly be parked for: what the fake GitHub answered (the
     * mutation named another repository, pull request or installation), or a payload the bot
     * judged unusable. Anything else (an exception's message) is a bug the payload uncovered.
     */
    private static final java.util.regex.Pattern EXPECTED_PARKING = java.util.regex.Pattern.compile(
            "answered \\d{3}|payload lacks|not shaped as GitHub's|GitHub could not have|payload names no repository|names neither installation nor repository"
                    + "|has no pull request number|carries no pull request");

    private JsonNode deliveries(String status) {
        Exchange answer = RawHttp.exchange(base, new RawHttp.Request("GET", "/admin/deliveries?status=" + status + "&limit=500",
                List.<String[]>of(new String[] {"Authorization", "Bearer " + adminToken.orElseThrow()}), RawHttp.Body.of(new byte[0]),
                Framing.NONE, Duration.ZERO), REQUEST_TIMEOUT);
        try {
            return answer.response().map(r -> Fixtures.json(r.body())).orElseGet(GitHubFake.JSON::createObjectNode);
        } catch (java.io.UncheckedIOException e) {
            // An answer that is not JSON shows as no deliveries; the drain check then reports the queue as unknown.
            return GitHubFake.JSON.createObjectNode().put("unreadable", answer.response().map(r -> shorten(r.bodyText())).orElse(""));
        }
    }

    /** A normal delivery after all that: its check run must be created for its head and completed. */
    private void checkReviewEndToEnd(FuzzTally tally) {
        GitHubFake fake = github.orElseThrow();
        String head = sha(new Random());
        byte[] body = Fixtures.webhook("pull_request/synchronize.json", payload -> {
            Fixtures.head(head).accept(payload);
            payload.put("number", FINAL_PR);
            ((ObjectNode) payload.path("pull_request")).put("number", FINAL_PR);
        });
        fake.delivered(body);
        Exchange sent = RawHttp.exchange(base, signed("pull_request", "after-fuzz-" + head.substring(0, 12), body), REQUEST_TIMEOUT);
        if (sent.status() != 202) {
            tally.failedAfterRun(NAME, "a valid delivery after the run was answered " + sent.status(), sent.failure().orElse(""));
            return;
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            var created = fake.requests("POST", CHECK_RUNS).stream()
                    .filter(r -> Fixtures.json(r.getBody()).path("head_sha").asText().equals(head)).findFirst();
            if (created.isPresent() && fake.requests("PATCH", CHECK_RUNS + "/\\d+").stream()
                    .anyMatch(r -> !r.getLoggedDate().before(created.get().getLoggedDate())
                            && Fixtures.json(r.getBody()).has("conclusion"))) {
                tally.note(NAME, "a valid delivery after the run was reviewed end to end (check run completed)");
                return;
            }
            sleep(Duration.ofMillis(200));
        }
        tally.failedAfterRun(NAME, "a valid delivery after the run was not reviewed within 60 s (no completed check run)",
                "head " + head);
    }

    @Override
    public void close() {
        ownBot.ifPresent(BotHarness::close);
        github.ifPresent(GitHubFake::close);
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private Attempt signedAttempt(String category, String description, String event, byte[] body, Random random) {
        RawHttp.Request request = signed(event, deliveryId(random), body);
        // Now and then the same body arrives in chunks: the server must read it the same way.
        return new Attempt(category, description, random.nextInt(8) == 0 ? request.framed(Framing.CHUNKED) : request, Expect.ANSWERED);
    }

    private RawHttp.Request signed(String event, String deliveryId, byte[] body) {
        return RawHttp.Request.post("/webhook", githubHeaders(event, deliveryId, WebhookSignature.sign(secret, body)), body);
    }

    /** The headers GitHub sends with a delivery. */
    private static List<String[]> githubHeaders(String event, String deliveryId, String signature) {
        var headers = new ArrayList<String[]>();
        headers.add(new String[] {"User-Agent", "GitHub-Hookshot/fuzz"});
        headers.add(new String[] {"Content-Type", "application/json"});
        headers.add(new String[] {"X-GitHub-Event", event});
        headers.add(new String[] {"X-GitHub-Delivery", deliveryId});
        headers.add(new String[] {"X-Hub-Signature-256", signature});
        return headers;
    }

    private static List<String[]> withHeader(List<String[]> headers, String name, String value) {
        var copy = new ArrayList<>(headers);
        copy.add(new String[] {name, value});
        return copy;
    }

    private static void replace(List<String[]> headers, String name, String value) {
        headers.replaceAll(h -> h[0].equals(name) ? new String[] {name, value} : h);
    }

    /** Unique per case and run; within what GitHub's ids look like. */
    private static String deliveryId(Random random) {
        return new java.util.UUID(random.nextLong(), random.nextLong()).toString();
    }

    private static String sha(Random random) {
        return String.format("%016x%016x%08x", random.nextLong(), random.nextLong(), random.nextInt());
    }

    private Fixture fixture(Random random) {
        return fixtures.get(random.nextInt(fixtures.size()));
    }

    private static <T> T pick(Random random, List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    private static String shorten(String text) {
        String line = text.replace('\n', ' ');
        return line.length() <= 200 ? line : line.substring(0, 197) + "...";
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static List<Fixture> readFixtures(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().map(f -> {
                try {
                    return new Fixture(f.getParent().getFileName().toString(), folder.relativize(f).toString(), Files.readAllBytes(f));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the webhook fixtures in " + folder, e);
        }
    }
}

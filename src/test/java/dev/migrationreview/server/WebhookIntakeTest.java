package dev.migrationreview.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.fuzz.RawHttp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /webhook}: signature first, then the shape of the request, then routing. */
class WebhookIntakeTest {

    static GitHubFake github;
    static BotHarness bot;

    @BeforeAll
    static void start(@TempDir Path data) {
        github = new GitHubFake();
        bot = BotHarness.start(github, BotHarness.settings(github, data, true));
    }

    @AfterAll
    static void stop() {
        bot.close();
        github.close();
    }

    HttpResponse<String> post(byte[] body, String event, String delivery, String signature) {
        var request = HttpRequest.newBuilder(URI.create(bot.url("/webhook")))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (event != null) {
            request.header("X-GitHub-Event", event);
        }
        if (delivery != null) {
            request.header("X-GitHub-Delivery", delivery);
        }
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        return bot.send(request.build());
    }

    static String sign(byte[] body) {
        return WebhookSignature.sign(BotHarness.SECRET.bytes(), body);
    }

    @Test
    void aMissingSignatureIsRejectedBeforeAnythingIsRead() {
        byte[] body = Fixtures.webhook("pull_request/opened.json");
        assertThat(post(body, "pull_request", "no-signature", null).statusCode()).isEqualTo(401);
        assertThat(bot.server().delivery("no-signature")).isEmpty();
    }

    @Test
    void aWrongSignatureIsRejected() {
        byte[] body = Fixtures.webhook("pull_request/opened.json");
        String otherSecret = WebhookSignature.sign("another secret".getBytes(StandardCharsets.UTF_8), body);
        assertThat(post(body, "pull_request", "bad-1", otherSecret).statusCode()).isEqualTo(401);
        assertThat(post(body, "pull_request", "bad-2", "sha256=zz").statusCode()).isEqualTo(401);
        assertThat(post(body, "pull_request", "bad-3", "sha1=" + sign(body).substring(7)).statusCode()).isEqualTo(401);
        byte[] tampered = Arrays.copyOf(body, body.length);
        tampered[20] ^= 1;
        assertThat(post(tampered, "pull_request", "bad-4", sign(body)).statusCode()).isEqualTo(401);
        assertThat(bot.server().delivery("bad-4")).isEmpty();
    }

    @Test
    void signedButMalformedJsonIsABadRequest() {
        byte[] body = "{\"action\": \"opened\", ".getBytes(StandardCharsets.UTF_8);
        assertThat(post(body, "pull_request", "malformed", sign(body)).statusCode()).isEqualTo(400);
        byte[] array = "[1, 2]".getBytes(StandardCharsets.UTF_8);
        assertThat(post(array, "pull_request", "not-an-object", sign(array)).statusCode()).isEqualTo(400);
    }

    @Test
    void missingEventOrDeliveryHeadersAreABadRequest() {
        byte[] body = Fixtures.webhook("pull_request/opened.json");
        assertThat(post(body, null, "no-event", sign(body)).statusCode()).isEqualTo(400);
        assertThat(post(body, "pull_request", null, sign(body)).statusCode()).isEqualTo(400);
    }

    @Test
    void eventsAndActionsTheBotDoesNotHandleAreAcknowledgedAndIgnored() {
        // A review edited or a pull request assigned changes nothing the review or the policy reads.
        Map<String, byte[]> ignored = Map.of(
                "issue_comment", Fixtures.webhook("issue_comment/created.json"),
                "check_run", Fixtures.webhook("check_run/completed.json"),
                "pull_request_review", Fixtures.webhook("pull_request_review/submitted.json", p -> p.put("action", "edited")),
                "pull_request", Fixtures.webhook("pull_request/edited.json", p -> {
                    p.put("action", "assigned");
                    p.remove("changes");
                }));
        ignored.forEach((event, body) -> {
            String id = "ignored-" + event;
            var response = post(body, event, id, sign(body));
            assertThat(response.statusCode()).as(event).isEqualTo(202);
            assertThat(response.body()).as(event).contains("\"ignored\"");
            assertThat(bot.server().delivery(id)).as(event).isEmpty();
        });
    }

    @Test
    void aBodyOfTwentyFiveMegabytesIsAccepted() {
        var big = new StringBuilder(26 * 1024 * 1024);
        big.append("{\"action\":\"labeled\",\"padding\":\"");
        while (big.length() < 25 * 1024 * 1024 - 100) {
            big.append("0123456789abcdef".repeat(4096));
        }
        big.append("\"}");
        byte[] body = big.toString().getBytes(StandardCharsets.UTF_8);
        var response = post(body, "pull_request", "big-one", sign(body));
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).contains("\"ignored\"");
    }

    /** Found by the webhook fuzzer: the server read 26 MB of a declared 10 GB body, or waited for it, before refusing. */
    @Test
    void aBodyDeclaredOverTheLimitIsRefusedBeforeItIsSent() {
        var headers = new ArrayList<String[]>(List.of(new String[] {"X-GitHub-Event", "pull_request"},
                new String[] {"X-GitHub-Delivery", "huge"}, new String[] {"Content-Length", Long.toString(10L << 30)}));
        long started = System.nanoTime();
        var exchange = RawHttp.exchange(URI.create(bot.url("")), new RawHttp.Request("POST", "/webhook", headers,
                RawHttp.Body.of(new byte[0]), RawHttp.Framing.NONE, Duration.ZERO), Duration.ofSeconds(10));

        assertThat(exchange.status()).isEqualTo(413);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefused() {
        var exchange = RawHttp.exchange(URI.create(bot.url("")), new RawHttp.Request("POST", "/webhook",
                List.<String[]>of(new String[] {"X-GitHub-Event", "pull_request"}, new String[] {"X-GitHub-Delivery", "chunked-huge"}),
                RawHttp.Body.repeat(new byte[0], "{\"a\":1}".getBytes(StandardCharsets.UTF_8), 40L << 20), RawHttp.Framing.CHUNKED,
                Duration.ZERO), Duration.ofSeconds(30));

        assertThat(exchange.status()).isEqualTo(413);
        assertThat(exchange.bytesSent()).isLessThan(40L << 20);
    }

    /** Found by the webhook fuzzer: Jetty's complaint about a malformed chunk was answered 500. */
    @Test
    void aMalformedChunkedBodyIsABadRequest() {
        var headers = List.<String[]>of(new String[] {"X-GitHub-Event", "pull_request"}, new String[] {"X-GitHub-Delivery", "bad-chunk"},
                new String[] {"Transfer-Encoding", "chunked"});
        var exchange = RawHttp.exchange(URI.create(bot.url("")), new RawHttp.Request("POST", "/webhook", headers,
                RawHttp.Body.of("zz\r\n{}\r\n0\r\n\r\n".getBytes(StandardCharsets.UTF_8)), RawHttp.Framing.AS_GIVEN, Duration.ZERO),
                Duration.ofSeconds(10));

        assertThat(exchange.status()).isEqualTo(400);
    }

    @Test
    void aLargerBodyIsRefusedEvenWithoutAContentLength() {
        // Streamed in chunks, so the server cannot tell its size up front: it must stop reading at the limit.
        long size = ServerSettings.MAX_WEBHOOK_BYTES + 1;
        var response = bot.send(HttpRequest.newBuilder(URI.create(bot.url("/webhook")))
                .header("X-GitHub-Event", "pull_request").header("X-GitHub-Delivery", "too-big")
                .header("X-Hub-Signature-256", "sha256=" + "0".repeat(64))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.InputStream() {
                    private long left = size;

                    @Override
                    public int read() {
                        return left-- > 0 ? 'a' : -1;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) {
                        if (left <= 0) {
                            return -1;
                        }
                        int n = (int) Math.min(length, left);
                        Arrays.fill(buffer, offset, offset + n, (byte) 'a');
                        left -= n;
                        return n;
                    }
                })).build());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(bot.server().delivery("too-big")).isEmpty();
    }

    @Test
    void healthReadinessAndMetricsAnswer() {
        assertThat(bot.get("/healthz").statusCode()).isEqualTo(200);
        var ready = bot.get("/readyz");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"ready\"");
        byte[] body = "{\"zen\":\"Keep it logically awesome.\"}".getBytes(StandardCharsets.UTF_8);
        post(body, "ping", "ping-1", sign(body));
        var metrics = bot.get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(metrics.body())
                .contains("migration_review_webhooks_total{event=\"ping\",outcome=\"ignored\"}")
                .contains("migration_review_webhook_ack_seconds_count")
                .contains("migration_review_deliveries{status=\"parked\"}")
                .contains("jvm_memory_used_bytes");
    }
}

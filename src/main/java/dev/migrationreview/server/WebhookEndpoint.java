package dev.migrationreview.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationreview.inbox.EventRouter;
import dev.migrationreview.inbox.Inbox;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * {@code POST /webhook}: the signature is verified over the raw body before anything is parsed;
 * then the delivery is routed, persisted and acknowledged with 202. The review runs later on a worker.
 */
final class WebhookEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookEndpoint.class);
    /** Jackson's default cap on one string (20 MB) is below GitHub's 25 MB body limit. */
    static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength((int) ServerSettings.MAX_WEBHOOK_BYTES).build())
            .build());
    private static final Pattern DELIVERY_ID = Pattern.compile("[A-Za-z0-9._:-]{1,80}");
    private static final Pattern EVENT = Pattern.compile("[a-z_]{1,60}");

    private final Supplier<Secret> secret;
    private final Inbox inbox;
    private final MeterRegistry metrics;
    private final Timer ackTimer;

    WebhookEndpoint(Supplier<Secret> secret, Inbox inbox, MeterRegistry metrics) {
        this.secret = secret;
        this.inbox = inbox;
        this.metrics = metrics;
        this.ackTimer = Timer.builder("migration_review_webhook_ack").description("time to verify, store and acknowledge a delivery")
                .publishPercentiles(0.5, 0.99).register(metrics);
    }

    void handle(Context ctx) {
        long started = System.nanoTime();
        try {
            respond(ctx);
        } finally {
            ackTimer.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
            MDC.remove("delivery_id");
        }
    }

    private void respond(Context ctx) {
        // A body declared over the limit is refused before a byte of it is read: it is never
        // buffered, and a client that declares one and then sends nothing is not waited for.
        if (ctx.req().getContentLengthLong() > ServerSettings.MAX_WEBHOOK_BYTES) {
            refuseTooLarge(ctx);
            return;
        }
        byte[] body;
        try {
            body = ctx.bodyAsBytes();
        } catch (HttpResponseException e) {
            // Javalin stops reading a body without a length (chunked) at the limit.
            refuseTooLarge(ctx);
            return;
        } catch (Exception e) {
            // Jetty reports a malformed chunk or a body cut short (checked exceptions, thrown
            // undeclared through Javalin's Kotlin): the client's fault, not a server error.
            count("unknown", "bad_request");
            LOG.warn("webhook body could not be read: {}", e.toString());
            ctx.header("Connection", "close");
            ctx.status(400).json(Map.of("error", "the body could not be read: malformed or cut short"));
            return;
        }
        if (!WebhookSignature.valid(secret.get().bytes(), body, ctx.header("X-Hub-Signature-256"))) {
            count("unknown", "unauthorized");
            ctx.status(401).json(Map.of("error", "missing or invalid X-Hub-Signature-256"));
            return;
        }
        String event = ctx.header("X-GitHub-Event");
        String deliveryId = ctx.header("X-GitHub-Delivery");
        // The bot's own events (the sweep's) come only from inside; the pattern refuses them too.
        if (event == null || !EVENT.matcher(event).matches() || EventRouter.isInternal(event)
                || deliveryId == null || !DELIVERY_ID.matcher(deliveryId).matches()) {
            count("unknown", "bad_request");
            ctx.status(400).json(Map.of("error", "X-GitHub-Event and X-GitHub-Delivery headers are required"));
            return;
        }
        MDC.put("delivery_id", deliveryId);
        JsonNode payload;
        try {
            payload = JSON.readTree(body);
        } catch (IOException e) {
            payload = null;
        }
        if (payload == null || !payload.isObject()) {
            count(event, "bad_request");
            ctx.status(400).json(Map.of("error", "the body is not a JSON object"));
            return;
        }
        Inbox.Accepted accepted = inbox.accept(deliveryId, event, body, payload);
        count(event, accepted.outcome().label());
        LOG.info("delivery {} ({}.{}) {}: {}", deliveryId, event, payload.path("action").asText(""),
                accepted.outcome().label(), accepted.detail());
        ctx.status(202).json(Map.of("delivery", deliveryId, "status", accepted.outcome().label(), "detail", accepted.detail()));
    }

    private void refuseTooLarge(Context ctx) {
        count("unknown", "too_large");
        // The rest of the body is not read: the connection cannot carry another request after it.
        ctx.header("Connection", "close");
        ctx.status(413).json(Map.of("error", "the body is larger than GitHub's 25 MB webhook limit"));
    }

    private void count(String event, String outcome) {
        Counter.builder("migration_review_webhooks").description("webhook deliveries received, by outcome")
                .tag("event", event).tag("outcome", outcome).register(metrics).increment();
    }
}

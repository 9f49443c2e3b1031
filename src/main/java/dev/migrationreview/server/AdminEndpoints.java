package dev.migrationreview.server;

import dev.migrationreview.store.Deliveries;
import dev.migrationreview.store.DeliveryStatus;
import dev.migrationreview.store.StoredDelivery;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code /admin}: parked deliveries with their reasons, a way to put one back in the queue, and
 * the healing jobs run on demand.
 * Enabled only with an admin token ({@code Authorization: Bearer <token>}); {@link #guard} stands
 * before every {@code /admin} route, so the handlers below never see a request without it.
 */
final class AdminEndpoints {

    /** The paths {@link #guard} must stand before: every admin route lives below them. */
    static final String[] GUARDED_PATHS = {"/admin", "/admin/*"};

    private final AdminToken token;
    private final Deliveries deliveries;
    private final Consumer<String> enqueue;

    AdminEndpoints(AdminToken token, Deliveries deliveries, Consumer<String> enqueue) {
        this.token = token;
        this.deliveries = deliveries;
        this.enqueue = enqueue;
    }

    /**
     * Answers every request under {@code /admin} (any method, known route or not) that lacks the
     * token: 404 when no token is configured (the endpoints do not exist then), 401 otherwise.
     */
    void guard(Context ctx) {
        if (!token.configured()) {
            ctx.status(404).json(Map.of("error", "admin endpoints are disabled: start serve with an admin token"));
            ctx.skipRemainingHandlers();
        } else if (!token.presentedIn(ctx)) {
            ctx.header("WWW-Authenticate", "Bearer");
            ctx.status(401).json(Map.of("error", "a valid admin token is required (Authorization: Bearer TOKEN)"));
            ctx.skipRemainingHandlers();
        }
    }

    void list(Context ctx) {
        DeliveryStatus status;
        try {
            status = DeliveryStatus.valueOf(ctx.queryParamAsClass("status", String.class).getOrDefault("parked")
                    .toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            ctx.status(400).json(Map.of("error", "status must be one of pending, running, done, coalesced, parked"));
            return;
        }
        int limit = Math.clamp(ctx.queryParamAsClass("limit", Integer.class).getOrDefault(50), 1, 500);
        List<Map<String, Object>> rows = deliveries.recent(status, limit).stream().map(AdminEndpoints::row).toList();
        ctx.json(Map.of("status", status.name().toLowerCase(Locale.ROOT), "deliveries", rows,
                "counts", counts()));
    }

    void retry(Context ctx) {
        String id = ctx.pathParam("id");
        if (deliveries.requeueParked(id)) {
            deliveries.find(id).ifPresent(delivery -> enqueue.accept(delivery.workKey()));
            ctx.json(Map.of("delivery", ctx.pathParam("id"), "status", "pending"));
        } else {
            ctx.status(404).json(Map.of("error", "no parked delivery with that id"));
        }
    }

    /**
     * Runs a healing job now and answers its summary once it ends; 409 when it cannot run (no App
     * credentials) or another run of it is under way.
     */
    void runNow(Context ctx, String job, BooleanSupplier available, Supplier<Optional<?>> run) {
        if (!available.getAsBoolean()) {
            ctx.status(409).json(Map.of("error", job + " needs the GitHub App's credentials: nothing to heal in local mode"));
            return;
        }
        Optional<?> summary = run.get();
        if (summary.isPresent()) {
            ctx.json(Map.of("job", job, "summary", summary.get()));
        } else {
            ctx.status(409).json(Map.of("error", "a run of " + job + " is under way; try again when it ends"));
        }
    }

    private Map<String, Long> counts() {
        var counts = new LinkedHashMap<String, Long>();
        deliveries.countByStatus().forEach((status, count) -> counts.put(status.name().toLowerCase(Locale.ROOT), count));
        return counts;
    }

    private static Map<String, Object> row(StoredDelivery delivery) {
        var row = new LinkedHashMap<String, Object>();
        row.put("delivery", delivery.deliveryId());
        row.put("event", delivery.event() + "." + delivery.action());
        delivery.repository().ifPresent(repository -> row.put("repository", repository));
        delivery.pullNumber().ifPresent(number -> row.put("pull_request", number));
        row.put("status", delivery.status().name().toLowerCase(Locale.ROOT));
        row.put("attempts", delivery.attempts());
        row.put("received_at", Instant.ofEpochMilli(delivery.receivedAt()).toString());
        delivery.lastError().ifPresent(error -> row.put("last_error", error));
        delivery.outcome().ifPresent(outcome -> row.put("outcome", outcome));
        delivery.coalescedInto().ifPresent(into -> row.put("coalesced_into", into));
        return row;
    }
}

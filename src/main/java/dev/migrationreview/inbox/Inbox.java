package dev.migrationreview.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationreview.store.Deliveries;
import dev.migrationreview.store.NewDelivery;
import java.util.Objects;

/**
 * Takes verified webhook deliveries: routes them, persists the ones that cause work, and wakes
 * the workers. Everything after {@link #accept} happens off the request thread.
 */
public final class Inbox {

    private final EventRouter router;
    private final Deliveries deliveries;
    private final Runnable wakeWorkers;

    public Inbox(EventRouter router, Deliveries deliveries, Runnable wakeWorkers) {
        this.router = router;
        this.deliveries = deliveries;
        this.wakeWorkers = wakeWorkers;
    }

    /** What the inbox did with a delivery, for the response and the metrics. */
    public enum Outcome {
        QUEUED, DUPLICATE, REQUEUED, IGNORED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The outcome and, for an ignored event, why. */
    public record Accepted(Outcome outcome, String detail) {}

    public Accepted accept(String deliveryId, String event, byte[] rawBody, JsonNode payload) {
        Objects.requireNonNull(deliveryId, "deliveryId");
        Routing routing = router.route(event, payload);
        return switch (routing) {
            case Routing.Ignored ignored -> new Accepted(Outcome.IGNORED, ignored.reason());
            case Routing.Queued queued -> store(deliveryId, event, payload.path("action").asText(""), rawBody, queued);
        };
    }

    private Accepted store(String deliveryId, String event, String action, byte[] rawBody, Routing.Queued queued) {
        Outcome combined = Outcome.DUPLICATE;
        for (Routing.WorkItem item : queued.items()) {
            var acceptance = deliveries.accept(new NewDelivery(deliveryId + item.idSuffix(), event, action,
                    item.workKey(), item.repository(), item.pullNumber(), item.installationId(), rawBody));
            switch (acceptance) {
                case NEW -> combined = Outcome.QUEUED;
                case REQUEUED -> combined = combined == Outcome.QUEUED ? Outcome.QUEUED : Outcome.REQUEUED;
                case DUPLICATE -> { }
            }
        }
        if (combined != Outcome.DUPLICATE) {
            wakeWorkers.run();
        }
        return new Accepted(combined, combined == Outcome.DUPLICATE
                ? "delivery " + deliveryId + " was received before" : event + "." + action);
    }
}

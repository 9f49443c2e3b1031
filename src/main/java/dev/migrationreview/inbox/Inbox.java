package dev.migrationreview.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationreview.store.Deliveries;
import dev.migrationreview.store.NewDelivery;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes verified webhook deliveries: routes them, persists the ones that cause work, and queues
 * their work keys. Everything after {@link #accept} happens off the request thread.
 */
public final class Inbox {

    private static final Logger LOG = LoggerFactory.getLogger(Inbox.class);

    private final EventRouter router;
    private final Deliveries deliveries;
    private final Consumer<String> enqueue;

    /** @param enqueue asks the queue to run a work key (see {@link WorkQueue#enqueue}) */
    public Inbox(EventRouter router, Deliveries deliveries, Consumer<String> enqueue) {
        this.router = router;
        this.deliveries = deliveries;
        this.enqueue = enqueue;
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

    private void queue(String workKey) {
        try {
            enqueue.accept(workKey);
        } catch (RuntimeException e) {
            // The delivery is stored: the queue's safety net schedules it shortly. Answering with an
            // error would only make GitHub count a delivery as failed that was not lost.
            LOG.warn("stored work on {} could not be scheduled at once ({}); it runs on the queue's next sweep",
                    workKey, e.toString());
        }
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
            if (acceptance != Deliveries.Acceptance.DUPLICATE) {
                queue(item.workKey());
            }
        }
        return new Accepted(combined, combined == Outcome.DUPLICATE
                ? "delivery " + deliveryId + " was received before" : event + "." + action);
    }
}

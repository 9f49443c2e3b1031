package dev.migrationreview.store;

import java.util.Objects;
import java.util.Optional;

/**
 * A webhook delivery to persist.
 *
 * @param workKey what the delivery works on (a pull request, an installation); deliveries with the
 *                same key are processed one at a time and may be coalesced
 * @param payload the raw request body, byte for byte
 */
public record NewDelivery(
        String deliveryId,
        String event,
        String action,
        String workKey,
        Optional<String> repository,
        Optional<Integer> pullNumber,
        Optional<Long> installationId,
        byte[] payload) {

    public NewDelivery {
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(workKey, "workKey");
        Objects.requireNonNull(payload, "payload");
    }
}

package dev.migrationreview.store;

import java.util.Optional;

/** A persisted delivery and its processing state (the payload is read separately: it can be large). */
public record StoredDelivery(
        long seq,
        String deliveryId,
        String event,
        String action,
        String workKey,
        Optional<String> repository,
        Optional<Integer> pullNumber,
        Optional<Long> installationId,
        DeliveryStatus status,
        int attempts,
        long receivedAt,
        long nextAttemptAt,
        Optional<Long> finishedAt,
        Optional<String> lastError,
        Optional<String> outcome,
        Optional<String> coalescedInto) {
}

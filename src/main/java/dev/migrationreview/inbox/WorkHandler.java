package dev.migrationreview.inbox;

import dev.migrationreview.store.StoredDelivery;
import java.util.List;

/** Does the work a delivery asks for. The worker pool owns retries, parking and leases. */
public interface WorkHandler {

    /**
     * Chooses what one run does with the pending deliveries of one work key (oldest first): which
     * delivery to process and which older ones it makes unnecessary.
     */
    WorkPlan plan(List<StoredDelivery> pending);

    /**
     * Processes {@code delivery} and returns a short outcome for the record. Throw
     * {@link WorkFailure.Permanent} to park at once, {@link WorkFailure.RetryAt} to retry at a
     * known time; any other exception is retried with backoff and parked after the last attempt.
     */
    String handle(StoredDelivery delivery, byte[] payload, WorkContext context) throws Exception;

    /** Which delivery a run processes and which older pending ones it folds in. */
    record WorkPlan(StoredDelivery run, List<StoredDelivery> coalesced) {
        public WorkPlan {
            coalesced = List.copyOf(coalesced);
        }
    }

    /** What a handler may ask the pool while it works. */
    interface WorkContext {
        /** Whether a newer delivery for the same key arrived: the running work is stale and may stop early. */
        boolean superseded();

        /** The older deliveries this run folded in (what they asked for is asked of this run too). */
        List<StoredDelivery> coalesced();
    }
}

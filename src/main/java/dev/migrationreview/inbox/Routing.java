package dev.migrationreview.inbox;

import java.util.List;
import java.util.Optional;

/** What a webhook event asks of the bot: nothing (with the reason), or work to queue. */
public sealed interface Routing {

    /** An event or action the bot does not act on; acknowledged and not stored. */
    record Ignored(String reason) implements Routing {}

    /** Work to persist: usually one item, one per pull request when a check suite spans several. */
    record Queued(List<WorkItem> items) implements Routing {
        public Queued {
            items = List.copyOf(items);
            if (items.isEmpty()) {
                throw new IllegalArgumentException("queued routing needs at least one work item");
            }
        }
    }

    /**
     * One unit of work.
     *
     * @param idSuffix appended to the delivery id when one delivery yields several items (else empty)
     * @param workKey  deliveries with the same key run one at a time and may be coalesced
     */
    record WorkItem(String idSuffix, String workKey, Optional<String> repository, Optional<Integer> pullNumber,
                    Optional<Long> installationId) {}
}

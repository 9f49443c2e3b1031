package dev.migrationreview.discovery;

import java.util.List;
import java.util.Optional;

/**
 * What a file's name, place and first bytes say it is, before dialect, transaction mode and
 * rollback pairing are worked out.
 *
 * @param orderParts the version as its framework orders it ({@code 2.10} after {@code 2.9})
 * @param runsAfter  revisions this file must follow (Alembic's {@code down_revision}); ordered later
 */
record Recognition(
        Framework framework,
        Direction direction,
        Optional<String> version,
        List<String> orderParts,
        String description,
        List<String> runsAfter) {

    Recognition {
        orderParts = List.copyOf(orderParts);
        runsAfter = List.copyOf(runsAfter);
    }

    static Recognition of(Framework framework, Direction direction, Optional<String> version,
                          List<String> orderParts, String description) {
        return new Recognition(framework, direction, version, orderParts, description, List.of());
    }

    Recognition withOrderParts(List<String> parts) {
        return new Recognition(framework, direction, version, parts, description, runsAfter);
    }
}

package dev.migrationreview.proof;

import java.util.List;
import java.util.Optional;

/**
 * The result of running a migration up, down and up again.
 *
 * @param differences schema lines that differ ("- " missing after down, "+ " left behind), empty when restored
 */
public record RollbackResult(String path, String rollbackPath, Status status, List<String> differences, Optional<String> error) {

    public enum Status { RESTORED, NOT_RESTORED, FAILED }

    public RollbackResult {
        differences = List.copyOf(differences);
    }
}

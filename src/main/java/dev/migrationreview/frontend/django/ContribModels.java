package dev.migrationreview.frontend.django;

import dev.migrationreview.operation.DataType;
import java.util.Optional;
import java.util.Set;

/**
 * Models of Django's own apps, whose migrations are not in the reviewed repository: their keys
 * are AutoFields, so a foreign key to {@code auth.User} or {@code contenttypes.ContentType} is an
 * integer column.
 */
final class ContribModels {

    private static final Set<String> APPS = Set.of("auth", "contenttypes", "sites", "admin", "flatpages", "redirects");

    private ContribModels() {}

    static Optional<DataType> keyType(String app) {
        return APPS.contains(app) ? Optional.of(DataType.of("integer")) : Optional.empty();
    }
}

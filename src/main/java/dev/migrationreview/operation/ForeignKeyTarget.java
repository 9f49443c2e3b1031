package dev.migrationreview.operation;

import java.util.List;

/** The referenced side of a foreign key. */
public record ForeignKeyTarget(TableRef table, List<String> columns) {
    public ForeignKeyTarget {
        columns = List.copyOf(columns);
    }
}

package dev.migrationreview.proof;

import java.sql.Connection;
import java.sql.SQLException;

/** A throwaway database for one proof; closing it drops it. */
public final class ProofDatabase implements AutoCloseable {

    /** Opens a connection to the proof database. */
    @FunctionalInterface
    interface Connector {
        Connection open() throws SQLException;
    }

    /** Drops the proof database. */
    @FunctionalInterface
    interface Dropper {
        void drop() throws SQLException;
    }

    private final String name;
    private final Connector connector;
    private final Dropper dropper;

    ProofDatabase(String name, Connector connector, Dropper dropper) {
        this.name = name;
        this.connector = connector;
        this.dropper = dropper;
    }

    public String name() {
        return name;
    }

    public Connection connect() throws SQLException {
        return connector.open();
    }

    @Override
    public void close() throws SQLException {
        dropper.drop();
    }
}

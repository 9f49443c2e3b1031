package dev.migrationreview.frontend.dsl;

import java.util.function.Supplier;

/**
 * How deep a recursive-descent reader is in nested constructs (brackets, blocks, unary operators).
 * Past {@link #LIMIT} levels it gives up on the construct, which the reader then reports as
 * unreadable, instead of overflowing the thread's stack: real migrations nest a few levels; a
 * generated or hostile file can nest thousands.
 */
public final class Nesting {

    public static final int LIMIT = 100;

    private int depth;

    /** Reads one level deeper; past the limit throws what {@code tooDeep} makes instead. */
    public <T> T deeper(Supplier<T> read, Supplier<? extends RuntimeException> tooDeep) {
        if (depth >= LIMIT) {
            throw tooDeep.get();
        }
        depth++;
        try {
            return read.get();
        } finally {
            depth--;
        }
    }
}

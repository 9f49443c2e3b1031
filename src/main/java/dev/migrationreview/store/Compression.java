package dev.migrationreview.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Webhook payloads and reports are JSON and HTML: gzip keeps the store about five times smaller. */
final class Compression {

    private Compression() {}

    static byte[] gzip(byte[] raw) {
        var out = new ByteArrayOutputStream(Math.max(64, raw.length / 4));
        try (var zip = new GZIPOutputStream(out)) {
            zip.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] gunzip(byte[] packed) {
        try (var zip = new GZIPInputStream(new ByteArrayInputStream(packed))) {
            return zip.readAllBytes();
        } catch (IOException e) {
            throw new StoreException("stored data is corrupt: " + e.getMessage(), e);
        }
    }
}

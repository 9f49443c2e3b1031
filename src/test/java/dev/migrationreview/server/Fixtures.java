package dev.migrationreview.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** The shared folder's real webhook payloads and migration corpus, read in place. */
final class Fixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {}

    static Path shared() {
        Path shared = Path.of(System.getProperty("shared.dir", "../shared"));
        if (!Files.isDirectory(shared.resolve("fixtures/webhooks"))) {
            throw new IllegalStateException("the shared folder with webhook fixtures is missing: expected " + shared.toAbsolutePath()
                    + " (set -Dshared.dir)");
        }
        return shared;
    }

    /** A real payload, byte for byte, e.g. {@code webhook("pull_request/opened.json")}. */
    static byte[] webhook(String name) {
        try {
            return Files.readAllBytes(shared().resolve("fixtures/webhooks").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A real payload with some fields changed (e.g. the head of a later push). */
    static byte[] webhook(String name, Consumer<ObjectNode> change) {
        try {
            ObjectNode payload = (ObjectNode) JSON.readTree(webhook(name));
            change.accept(payload);
            return JSON.writeValueAsBytes(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A pull_request payload moved to head {@code sha}. */
    static Consumer<ObjectNode> head(String sha) {
        return payload -> {
            ((ObjectNode) payload.path("pull_request").path("head")).put("sha", sha);
            if (payload.has("after")) {
                payload.put("after", sha);
            }
        };
    }

    static JsonNode json(byte[] payload) {
        try {
            return JSON.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A corpus file's text, by its path under corpus/. */
    static String corpus(String path) {
        try {
            return Files.readString(shared().resolve("corpus").resolve(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.migrationreview.discovery;

import java.nio.charset.StandardCharsets;

/** A file of the change as read from disk, git or GitHub: repository-relative path and raw bytes. */
public record SourceFile(String path, byte[] content) {

    public static SourceFile of(String path, String text) {
        return new SourceFile(path, text.getBytes(StandardCharsets.UTF_8));
    }
}

package dev.migrationreview.command;

import dev.migrationreview.review.FileReview;
import dev.migrationreview.review.ReviewResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The identity of a pull request's migration content: each migration file's path with its git
 * blob id, as git and GitHub compute it. A decision bound to it holds while no migration file is
 * changed, added or removed, whatever happens to commits (a rebase keeps it).
 */
public final class MigrationBlobs {

    private MigrationBlobs() {}

    /** The migration files a review found, with their blob ids, sorted by path. */
    public static Map<String, String> of(ReviewResult result) {
        var blobs = new TreeMap<String, String>();
        for (FileReview file : result.files()) {
            blobs.put(file.file().source().path(), blobId(file.file().source().content()));
        }
        return blobs;
    }

    /** {@code git hash-object}: SHA-1 over "blob <length>\0" and the bytes. */
    static String blobId(byte[] content) {
        try {
            var sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha1.digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every Java runtime", e);
        }
    }
}

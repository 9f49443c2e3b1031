package dev.migrationreview.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Git's blob ids, computed from content, so head files need no extra call to learn theirs. */
public final class GitBlobs {

    private GitBlobs() {}

    /** The id git gives a file with this content: SHA-1 over "blob {length}\0" and the bytes. */
    public static String id(byte[] content) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha1.digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-1", e);
        }
    }
}

package dev.migrationreview.command;

import dev.migrationreview.policy.GitBlobs;
import dev.migrationreview.review.FileReview;
import dev.migrationreview.review.ReviewResult;
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
            blobs.put(file.file().source().path(), GitBlobs.id(file.file().source().content()));
        }
        return blobs;
    }
}

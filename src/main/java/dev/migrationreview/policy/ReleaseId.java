package dev.migrationreview.policy;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The identifier of a change's rollout: repository, pull request and head commit, e.g.
 * {@code shop-pr42-1a2b3c4}. Deploy notes or the migration reference it so that logs, metrics and
 * traces of the rollout can be tagged with it. A reference needs only the part without the
 * commit ({@code shop-pr42}): the head moves with every push, and notes should not have to.
 */
public record ReleaseId(String value, String stablePart) {

    public static ReleaseId of(String repository, int number, String headSha) {
        String name = repository.substring(repository.indexOf('/') + 1).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        String stable = (name.isEmpty() ? "change" : name) + "-pr" + number;
        return new ReleaseId(stable + "-" + Shas.abbreviate(headSha).toLowerCase(Locale.ROOT), stable);
    }

    /** Whether {@code text} names this change: the stable part as a whole word, with or without a commit. */
    boolean referencedIn(String text) {
        return Pattern.compile("(?i)(?<![a-z0-9-])" + Pattern.quote(stablePart) + "(?:-[0-9a-f]{4,40})?(?![a-z0-9])")
                .matcher(text).find();
    }
}

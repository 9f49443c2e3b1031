package dev.migrationreview.inbox;

/** The keys that serialise work: one pull request, or one installation. */
public final class WorkKeys {

    private WorkKeys() {}

    /** Keyed by the repository's id, which survives renames and transfers. */
    public static String pullRequest(long repositoryId, int number) {
        return "pr:" + repositoryId + "#" + number;
    }

    public static String installation(long installationId) {
        return "installation:" + installationId;
    }

    public static boolean isPullRequest(String workKey) {
        return workKey.startsWith("pr:");
    }
}

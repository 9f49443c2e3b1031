package dev.migrationreview.inbox;

import java.util.regex.Pattern;

/**
 * What names in a GitHub payload can be. GitHub allows logins of at most 39 characters and
 * repository names of at most 100; 100 for logins leaves room for Enterprise managed users'
 * suffixes. A payload with a name outside these is not GitHub's, and the store's columns (300
 * characters) could not hold it anyway.
 */
public final class GitHubNames {

    private static final String PART = "[^/\\s\\p{Cntrl}]{1,100}";
    private static final Pattern LOGIN = Pattern.compile(PART);
    private static final Pattern REPOSITORY = Pattern.compile(PART + "/" + PART);

    private GitHubNames() {}

    /** An account's login: a user or an organisation. */
    public static boolean possibleLogin(String login) {
        return LOGIN.matcher(login).matches();
    }

    /** A repository's {@code owner/name}. */
    public static boolean possibleRepository(String fullName) {
        return REPOSITORY.matcher(fullName).matches();
    }
}

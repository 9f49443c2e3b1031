package dev.migrationreview.policy;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * Remembers team memberships for a while: one pull request asks about the same teams for every
 * reviewer and area, and every event re-evaluates it, but each question costs an API call.
 * Failed look-ups are not remembered.
 */
public final class CachingTeamDirectory implements TeamDirectory {

    private final TeamDirectory directory;
    private final ExpiringAnswers<String, Boolean> answers;

    public CachingTeamDirectory(TeamDirectory directory, Duration lifetime, int capacity, Clock clock) {
        this.directory = directory;
        this.answers = new ExpiringAnswers<>(lifetime, capacity, clock);
    }

    @Override
    public boolean isMember(String organisation, String team, String login) {
        String question = (organisation + "/" + team + "/" + login).toLowerCase(Locale.ROOT);
        return answers.get(question, () -> directory.isMember(organisation, team, login));
    }
}

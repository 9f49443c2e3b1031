package dev.migrationreview.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Remembers team memberships for a while: one pull request asks about the same teams for every
 * reviewer and area, and every event re-evaluates it, but each question costs an API call.
 * Failed look-ups are not remembered.
 */
public final class CachingTeamDirectory implements TeamDirectory {

    private final TeamDirectory directory;
    private final Duration lifetime;
    private final int capacity;
    private final Clock clock;
    private final Map<String, Answer> answers;

    private record Answer(boolean member, Instant expires) {}

    public CachingTeamDirectory(TeamDirectory directory, Duration lifetime, int capacity, Clock clock) {
        if (capacity < 1 || lifetime.isNegative()) {
            throw new IllegalArgumentException("capacity must be positive and lifetime not negative");
        }
        this.directory = directory;
        this.lifetime = lifetime;
        this.capacity = capacity;
        this.clock = clock;
        this.answers = new LinkedHashMap<>(16, 0.75f, true);
    }

    @Override
    public boolean isMember(String organisation, String team, String login) {
        String key = (organisation + "/" + team + "/" + login).toLowerCase(Locale.ROOT);
        Instant now = clock.instant();
        synchronized (answers) {
            Answer known = answers.get(key);
            if (known != null && now.isBefore(known.expires())) {
                return known.member();
            }
        }
        boolean member = directory.isMember(organisation, team, login);
        synchronized (answers) {
            answers.put(key, new Answer(member, now.plus(lifetime)));
            if (answers.size() > capacity) {
                answers.remove(answers.keySet().iterator().next());
            }
        }
        return member;
    }
}

package dev.migrationreview.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Installation access tokens, one request each ({@code POST /app/installations/{id}/access_tokens}
 * with the App's JWT), cached and replaced five minutes before they expire. Concurrent workers of
 * one installation share one refresh.
 */
final class InstallationTokens {

    private static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);

    private final GitHubRest appRest;
    private final Clock clock;
    private final ConcurrentHashMap<Long, Cached> tokens = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, ReentrantLock> locks = new ConcurrentHashMap<>();

    private record Cached(String token, Instant expiresAt) {}

    InstallationTokens(GitHubRest appRest, Clock clock) {
        this.appRest = appRest;
        this.clock = clock;
    }

    String token(long installationId) throws IOException {
        Cached cached = tokens.get(installationId);
        if (fresh(cached)) {
            return cached.token();
        }
        ReentrantLock lock = locks.computeIfAbsent(installationId, id -> new ReentrantLock());
        lock.lock();
        try {
            cached = tokens.get(installationId);
            if (fresh(cached)) {
                return cached.token();
            }
            JsonNode answer = appRest.post("/app/installations/" + installationId + "/access_tokens",
                    JsonNodeFactory.instance.objectNode());
            String token = answer.path("token").asText("");
            if (token.isEmpty()) {
                throw new IOException("GitHub returned no installation token for installation " + installationId);
            }
            Instant expiresAt = parseExpiry(answer.path("expires_at").asText(""));
            tokens.put(installationId, new Cached(token, expiresAt));
            return token;
        } finally {
            lock.unlock();
        }
    }

    private Instant parseExpiry(String text) {
        try {
            return Instant.parse(text);
        } catch (RuntimeException e) {
            // GitHub's tokens last an hour; without a readable expiry assume the shortest sensible life.
            return clock.instant().plus(Duration.ofMinutes(10));
        }
    }

    private boolean fresh(Cached cached) {
        return cached != null && clock.instant().isBefore(cached.expiresAt().minus(REFRESH_BEFORE_EXPIRY));
    }

    void invalidate(long installationId) {
        tokens.remove(installationId);
    }

    void clear() {
        tokens.clear();
    }
}

package dev.migrationreview.github;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongConsumer;
import okhttp3.Interceptor;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one installation (or the App, or anonymous access) inside GitHub's limits: honours
 * {@code Retry-After} and {@code x-ratelimit-reset} on 403/429 answers, backs off on secondary
 * limits that give neither (at least a minute, doubling), and stops sending once a response
 * says no requests remain until the reset. Short waits are slept through and the request
 * retried; a wait longer than {@code maxInlineWait} fails with {@link GitHubRateLimitedException}
 * so the work is rescheduled instead of holding a worker.
 */
final class RateLimitGuard implements Interceptor {

    private static final Logger LOG = LoggerFactory.getLogger(RateLimitGuard.class);
    private static final int MAX_RETRIES = 3;
    private static final Duration SECONDARY_MINIMUM = Duration.ofSeconds(60);

    private final Clock clock;
    private final Duration maxInlineWait;
    private final LongConsumer sharePause;
    private long blockedUntil;

    RateLimitGuard(Clock clock, Duration maxInlineWait) {
        this(clock, maxInlineWait, until -> { });
    }

    /** @param sharePause told of every pause, so other replicas acting for the same installation hold back too */
    RateLimitGuard(Clock clock, Duration maxInlineWait, LongConsumer sharePause) {
        this.clock = clock;
        this.maxInlineWait = maxInlineWait;
        this.sharePause = sharePause;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        for (int attempt = 0; ; attempt++) {
            waitUntilAllowed();
            Response response = chain.proceed(chain.request());
            Optional<Long> waitMillis = limitWait(response, attempt);
            if (waitMillis.isEmpty()) {
                noteExhaustion(response);
                return response;
            }
            response.close();
            long until = clock.millis() + waitMillis.get();
            block(until);
            sharePause.accept(until);
            LOG.warn("GitHub rate limit on {} {} (HTTP {}); waiting {} ms", chain.request().method(),
                    chain.request().url().encodedPath(), response.code(), waitMillis.get());
            if (attempt + 1 >= MAX_RETRIES) {
                throw new GitHubRateLimitedException("GitHub rate limit persists after " + MAX_RETRIES + " waits", until);
            }
        }
    }

    private synchronized void block(long until) {
        blockedUntil = Math.max(blockedUntil, until);
    }

    private void waitUntilAllowed() throws IOException {
        long until;
        synchronized (this) {
            until = blockedUntil;
        }
        long wait = until - clock.millis();
        if (wait <= 0) {
            return;
        }
        if (wait > maxInlineWait.toMillis()) {
            throw new GitHubRateLimitedException("GitHub rate limit: no requests until the limit resets", until);
        }
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for GitHub's rate limit");
        }
    }

    /** How long to wait before retrying, when {@code response} is a rate-limit answer. */
    private Optional<Long> limitWait(Response response, int attempt) throws IOException {
        int code = response.code();
        if (code != 403 && code != 429) {
            return Optional.empty();
        }
        String retryAfter = response.header("Retry-After");
        if (retryAfter != null) {
            try {
                return Optional.of(Math.max(0, Long.parseLong(retryAfter.strip())) * 1000);
            } catch (NumberFormatException e) {
                LOG.warn("ignoring unreadable Retry-After header '{}'", retryAfter);
            }
        }
        if ("0".equals(response.header("x-ratelimit-remaining"))) {
            return Optional.of(untilReset(response));
        }
        String body = response.peekBody(8192).string().toLowerCase(Locale.ROOT);
        if (code == 429 || body.contains("secondary rate limit") || body.contains("abuse")) {
            return Optional.of(SECONDARY_MINIMUM.toMillis() << Math.min(attempt, 4));
        }
        return Optional.empty();
    }

    private long untilReset(Response response) {
        String reset = response.header("x-ratelimit-reset");
        try {
            long resetMillis = Long.parseLong(reset == null ? "" : reset.strip()) * 1000;
            return Math.max(1000, resetMillis - clock.millis() + 1000);
        } catch (NumberFormatException e) {
            return SECONDARY_MINIMUM.toMillis();
        }
    }

    /** A successful answer that spent the last request: wait for the reset before the next one. */
    private void noteExhaustion(Response response) {
        if ("0".equals(response.header("x-ratelimit-remaining")) && response.header("x-ratelimit-reset") != null) {
            block(clock.millis() + untilReset(response));
        }
    }
}

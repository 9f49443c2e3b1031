package dev.migrationreview.github;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How the bot talks to GitHub.
 *
 * @param apiUrl        {@code https://api.github.com}, or a GitHub Enterprise Server's {@code https://host/api/v3}
 * @param writeInterval the pause between two write requests of one installation
 * @param maxInlineWait rate-limit waits up to this long are slept through; longer ones reschedule the work
 * @param cacheDir      where the HTTP cache keeps answers for conditional requests (none: no cache)
 */
public record GitHubSettings(String apiUrl, Duration writeInterval, Duration maxInlineWait, Optional<Path> cacheDir,
                             long cacheBytes, Duration timeout) {

    public static final String PUBLIC_API = "https://api.github.com";

    public GitHubSettings {
        if (!apiUrl.startsWith("http://") && !apiUrl.startsWith("https://")) {
            throw new IllegalArgumentException("GitHub API URL must start with http:// or https://: " + apiUrl);
        }
        apiUrl = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
        if (writeInterval.isNegative()) {
            throw new IllegalArgumentException("write interval must not be negative");
        }
    }

    public static GitHubSettings defaults(String apiUrl, Optional<Path> cacheDir) {
        return new GitHubSettings(apiUrl, Duration.ofSeconds(1), Duration.ofSeconds(90), cacheDir,
                64L * 1024 * 1024, Duration.ofSeconds(30));
    }

    public GitHubSettings withWriteInterval(Duration interval) {
        return new GitHubSettings(apiUrl, interval, maxInlineWait, cacheDir, cacheBytes, timeout);
    }

    /** The web address matching the API: github.com for the public API, the server itself for Enterprise. */
    public String webUrl() {
        if (apiUrl.equals(PUBLIC_API)) {
            return "https://github.com";
        }
        return apiUrl.endsWith("/api/v3") ? apiUrl.substring(0, apiUrl.length() - "/api/v3".length()) : apiUrl;
    }
}

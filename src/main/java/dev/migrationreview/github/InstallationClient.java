package dev.migrationreview.github;

import org.kohsuke.github.GitHub;

/**
 * GitHub as one installation (or anonymous local mode) sees it: the github-api client and the
 * direct REST client, sharing one OkHttp client, cache, rate-limit guard and write pacing.
 */
public record InstallationClient(GitHub api, GitHubRest rest, boolean anonymous) {}

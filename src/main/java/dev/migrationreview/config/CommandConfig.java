package dev.migrationreview.config;

import java.util.List;

/**
 * The {@code commands:} section: who may use the slash commands whose right is not ownership.
 *
 * @param overriders logins and {@code @org/team}s who may override findings, besides the senior reviewers
 * @param holders    logins and {@code @org/team}s who may hold and unhold; empty means anyone with write access
 */
public record CommandConfig(List<String> overriders, List<String> holders) {

    public static final CommandConfig DEFAULTS = new CommandConfig(List.of(), List.of());

    public CommandConfig {
        overriders = List.copyOf(overriders);
        holders = List.copyOf(holders);
    }
}

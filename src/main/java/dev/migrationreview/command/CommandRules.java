package dev.migrationreview.command;

import dev.migrationreview.config.ConfigResult;
import dev.migrationreview.config.PolicyConfig;
import java.util.List;

/**
 * Who may use which command in one repository, from its configuration on the base branch.
 *
 * @param policy     areas with their owners, senior reviewers, and whether authors may approve
 * @param overriders logins and {@code @org/team}s who may override findings besides the senior reviewers
 * @param holders    logins and {@code @org/team}s who may hold and unhold; empty means anyone with write access
 */
public record CommandRules(PolicyConfig policy, List<String> overriders, List<String> holders) {

    public CommandRules {
        overriders = List.copyOf(overriders);
        holders = List.copyOf(holders);
    }

    /** The policy's areas and reviewers with the default command permissions. */
    public static CommandRules of(PolicyConfig policy) {
        return new CommandRules(policy, List.of(), List.of());
    }

    /** Everything a loaded configuration says about it (the defaults when it is broken). */
    public static CommandRules of(ConfigResult config) {
        return new CommandRules(config.policy(), config.commands().overriders(), config.commands().holders());
    }
}

package dev.migrationreview.command;

import dev.migrationreview.config.PolicyConfig.Area;
import dev.migrationreview.policy.OwnerMatcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Decides whether a person may run a command on one pull request, at the moment it runs: from
 * the repository permission API, team memberships and the ownership map of the base branch's
 * configuration. Answers are remembered for one comment only, so a revoked right counts at once.
 */
public final class Authorisation {

    /** The answer: allowed (with what it covers), or refused with why and who may. */
    public sealed interface Permit {
        /** @param areas for approve: the areas the approval covers; empty otherwise */
        record Granted(List<String> areas) implements Permit {
            public Granted {
                areas = List.copyOf(areas);
            }
        }

        record Refused(String why, String whoMay) implements Permit {}
    }

    private static final Permit.Granted GRANTED = new Permit.Granted(List.of());
    private static final String WRITERS = "anyone with write access to this repository";

    private final Supplier<CommandRules> rulesSource;
    private CommandRules rules;
    private final People people;
    private final String pullRequestAuthor;
    private final OwnerMatcher owners;
    private final Map<String, RepositoryRole> roles = new HashMap<>();

    /** @param rules read only when a command's permission depends on the configuration */
    public Authorisation(Supplier<CommandRules> rules, People people, String pullRequestAuthor) {
        this.rulesSource = rules;
        this.people = people;
        this.pullRequestAuthor = pullRequestAuthor;
        Map<String, Boolean> memberships = new HashMap<>();
        this.owners = new OwnerMatcher((organisation, team, login) -> memberships.computeIfAbsent(
                (organisation + "/" + team + "/" + login).toLowerCase(java.util.Locale.ROOT), key -> {
                    try {
                        return people.isTeamMember(organisation, team, login);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }));
    }

    /**
     * Whether {@code actor} may run {@code command}. Look-up failures are thrown as
     * {@link UncheckedIOException} (the delivery is retried), never answered with a refusal.
     */
    public Permit decide(Command command, String actor) {
        return switch (command) {
            case Command.Help help -> GRANTED;
            case Command.Explain explain -> GRANTED;
            case Command.Invalid invalid -> GRANTED;
            case Command.Unapprove unapprove -> GRANTED;
            case Command.Recheck recheck -> authorOrWriter(actor);
            case Command.Plan plan -> authorOrWriter(actor);
            case Command.Approve approve -> approve(approve.areas(), actor);
            case Command.Override override -> override(actor);
            case Command.Hold hold -> holder(actor);
            case Command.Unhold unhold -> holder(actor);
        };
    }

    /** Who may run commands like {@code command}, for help and refusals. */
    public String whoMay(Command command) {
        return switch (command) {
            case Command.Help help -> "anyone";
            case Command.Explain explain -> "anyone";
            case Command.Invalid invalid -> "anyone";
            case Command.Unapprove unapprove -> "anyone who approved";
            case Command.Recheck recheck -> "the pull request's author or " + WRITERS;
            case Command.Plan plan -> "the pull request's author or " + WRITERS;
            case Command.Approve approve -> areaOwners();
            case Command.Override override -> overriders();
            case Command.Hold hold -> holders();
            case Command.Unhold unhold -> holders();
        };
    }

    private Permit authorOrWriter(String actor) {
        if (actor.equalsIgnoreCase(pullRequestAuthor) || role(actor).atLeast(RepositoryRole.WRITE)) {
            return GRANTED;
        }
        return new Permit.Refused("you neither opened this pull request nor have write access", whoMay(new Command.Recheck()));
    }

    private Permit approve(List<String> named, String actor) {
        List<Area> areas = rules().policy().areas();
        if (areas.isEmpty()) {
            return new Permit.Refused("this repository's configuration names no schema areas to approve",
                    "area owners, once `areas:` in .github/migration-review.yml names them; until then approve with a GitHub review");
        }
        if (actor.equalsIgnoreCase(pullRequestAuthor) && !rules().policy().approvals().authorMayApprove()) {
            return new Permit.Refused("you opened this pull request, and `approvals.author_may_approve` is off", areaOwners());
        }
        if (named.isEmpty()) {
            List<String> owned = areas.stream().filter(a -> owners.isOwner(a.owners(), actor)).map(Area::name).toList();
            return owned.isEmpty() ? new Permit.Refused("you own no schema area", areaOwners()) : new Permit.Granted(owned);
        }
        var approved = new ArrayList<String>();
        for (String name : named) {
            Optional<Area> area = areas.stream().filter(a -> a.name().equalsIgnoreCase(name)).findFirst();
            if (area.isEmpty()) {
                return new Permit.Refused("there is no area '" + name + "' (areas: "
                        + areas.stream().map(Area::name).collect(Collectors.joining(", ")) + ")", areaOwners());
            }
            if (!owners.isOwner(area.get().owners(), actor)) {
                return new Permit.Refused("you do not own the area '" + area.get().name() + "'",
                        ownersOf(area.get()) + " for " + area.get().name());
            }
            if (!approved.contains(area.get().name())) {
                approved.add(area.get().name());
            }
        }
        return new Permit.Granted(approved);
    }

    private Permit override(String actor) {
        List<String> allowed = Stream.concat(rules().policy().seniorReviewers().stream(), rules().overriders().stream()).toList();
        if (allowed.isEmpty()) {
            return new Permit.Refused("this repository names no senior reviewers or override team", overriders());
        }
        return owners.isOwner(allowed, actor) ? GRANTED : new Permit.Refused("you are not a senior reviewer", overriders());
    }

    private Permit holder(String actor) {
        if (rules().holders().isEmpty()) {
            return role(actor).atLeast(RepositoryRole.WRITE) ? GRANTED
                    : new Permit.Refused("you do not have write access to this repository", holders());
        }
        return owners.isOwner(rules().holders(), actor) ? GRANTED
                : new Permit.Refused("you are not among those the configuration lets hold", holders());
    }

    private String areaOwners() {
        List<Area> areas = rules().policy().areas();
        if (areas.isEmpty()) {
            return "the owners of schema areas (none are configured)";
        }
        return "the owners of each area: " + areas.stream().map(a -> a.name() + ": " + ownersOf(a))
                .collect(Collectors.joining("; "));
    }

    private static String ownersOf(Area area) {
        return area.owners().isEmpty() ? "nobody (the area names no owners)" : OwnerMatcher.describe(area.owners());
    }

    private String overriders() {
        List<String> allowed = Stream.concat(rules().policy().seniorReviewers().stream(), rules().overriders().stream()).toList();
        return allowed.isEmpty()
                ? "senior reviewers, once `senior_reviewers:` in .github/migration-review.yml names them"
                : OwnerMatcher.describe(allowed);
    }

    private String holders() {
        return rules().holders().isEmpty() ? WRITERS : OwnerMatcher.describe(rules().holders());
    }

    private CommandRules rules() {
        if (rules == null) {
            rules = rulesSource.get();
        }
        return rules;
    }

    private RepositoryRole role(String login) {
        return roles.computeIfAbsent(login.toLowerCase(java.util.Locale.ROOT), key -> {
            try {
                return people.role(login);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}

package dev.migrationreview.policy;

import java.util.List;

/**
 * Whether a login is one of a list of owners: a login written there, or a member of a team
 * written as {@code @org/team}. E-mail owners (allowed in CODEOWNERS) cannot be matched to a login
 * and never approve.
 */
public final class OwnerMatcher {

    private final TeamDirectory teams;

    public OwnerMatcher(TeamDirectory teams) {
        this.teams = teams;
    }

    /** Logins are compared first, so teams are only asked about when no login matched (each question is an API call). */
    public boolean isOwner(List<String> owners, String login) {
        if (owners.stream().anyMatch(o -> !o.contains("@") && o.equalsIgnoreCase(login))) {
            return true;
        }
        return owners.stream().filter(OwnerMatcher::isTeam).anyMatch(team -> {
            int slash = team.indexOf('/');
            return teams.isMember(team.substring(1, slash), team.substring(slash + 1), login);
        });
    }

    public static boolean isTeam(String owner) {
        return owner.startsWith("@") && owner.indexOf('/') > 1;
    }

    /** How an owner reads in a report: teams and logins with @, e-mails as written. */
    static String display(String owner) {
        return owner.startsWith("@") || owner.contains("@") ? owner : "@" + owner;
    }

    /** "@alice, @bob or a member of @acme/dba". */
    public static String describe(List<String> owners) {
        List<String> shown = owners.stream().map(o -> isTeam(o) ? "a member of " + o : display(o)).toList();
        if (shown.size() == 1) {
            return shown.getFirst();
        }
        return String.join(", ", shown.subList(0, shown.size() - 1)) + " or " + shown.getLast();
    }
}

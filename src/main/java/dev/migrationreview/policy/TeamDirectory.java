package dev.migrationreview.policy;

/**
 * Who belongs to a team, for owners written as {@code @org/team}. The App asks GitHub; tests and
 * simulations answer from a table.
 */
public interface TeamDirectory {

    /**
     * Whether {@code login} is an active member of {@code organisation}'s team {@code team} (its slug).
     * Failures a retry may cure are thrown rather than answered with false.
     */
    boolean isMember(String organisation, String team, String login);

    /** No teams at all: owners written as teams never match. */
    TeamDirectory NONE = (organisation, team, login) -> false;
}

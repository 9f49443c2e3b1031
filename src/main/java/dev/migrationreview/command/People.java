package dev.migrationreview.command;

import java.io.IOException;

/**
 * Who people are in a repository, asked when a command runs: their role from the permission API
 * and their team memberships. Never the comment's author_association, which says nothing about
 * what they may do now.
 */
public interface People {

    RepositoryRole role(String login) throws IOException;

    /** Whether {@code login} is an active member of {@code organisation}'s team {@code team} (its slug). */
    boolean isTeamMember(String organisation, String team, String login) throws IOException;
}

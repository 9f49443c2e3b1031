package dev.migrationreview.command;

import java.util.Locale;
import java.util.Optional;

/** What a person may do in a repository, weakest first, as GitHub's permission API names it. */
public enum RepositoryRole {
    NONE, READ, TRIAGE, WRITE, MAINTAIN, ADMIN;

    /**
     * From {@code GET /repos/{owner}/{repo}/collaborators/{username}/permission}: {@code role_name}
     * distinguishes triage and maintain, which the older {@code permission} field folds into read and
     * write; a custom role's name means nothing here, so its base {@code permission} counts.
     */
    public static RepositoryRole fromGitHub(String roleName, String permission) {
        return named(roleName).or(() -> named(permission)).orElse(NONE);
    }

    private static Optional<RepositoryRole> named(String name) {
        return Optional.ofNullable(switch (name == null ? "" : name.strip().toLowerCase(Locale.ROOT)) {
            case "admin" -> ADMIN;
            case "maintain" -> MAINTAIN;
            case "write", "push" -> WRITE;
            case "triage" -> TRIAGE;
            case "read", "pull" -> READ;
            default -> null;
        });
    }

    public boolean atLeast(RepositoryRole other) {
        return compareTo(other) >= 0;
    }
}

package dev.migrationreview.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationreview.inbox.GitHubNames;
import dev.migrationreview.store.Store;
import java.util.ArrayList;
import java.util.List;

/** Keeps the store's view of the App's installations and their repositories current. */
final class InstallationEvents {

    private final Store store;

    InstallationEvents(Store store) {
        this.store = store;
    }

    String apply(String event, JsonNode payload) throws UnusablePayloadException {
        JsonNode installation = payload.path("installation");
        long id = installation.path("id").asLong();
        String account = installation.path("account").path("login").asText("unknown");
        if (!GitHubNames.possibleLogin(account)) {
            throw new UnusablePayloadException("the " + event + " payload names an account GitHub could not have");
        }
        String action = payload.path("action").asText();
        if (event.equals("installation_repositories")) {
            List<String> added = names(payload.path("repositories_added"));
            List<String> removed = names(payload.path("repositories_removed"));
            store.installations().addRepositories(id, added);
            store.installations().removeRepositories(id, removed);
            removed.forEach(store.pullRequests()::forgetRepository);
            return "installation " + id + ": " + added.size() + " repositories added, " + removed.size() + " removed";
        }
        return switch (action) {
            case "created", "unsuspend" -> {
                store.installations().save(id, account, false);
                store.installations().addRepositories(id, names(payload.path("repositories")));
                yield "installation " + id + " (" + account + ") active";
            }
            case "suspend" -> {
                store.installations().save(id, account, true);
                yield "installation " + id + " (" + account + ") suspended";
            }
            case "deleted" -> {
                List<String> repositories = store.installations().delete(id);
                names(payload.path("repositories")).forEach(store.pullRequests()::forgetRepository);
                repositories.forEach(store.pullRequests()::forgetRepository);
                yield "installation " + id + " (" + account + ") removed";
            }
            default -> "installation action '" + action + "' needs nothing";
        };
    }

    boolean suspended(long installationId) {
        return store.installations().find(installationId).map(i -> i.suspended()).orElse(false);
    }

    private static List<String> names(JsonNode repositories) throws UnusablePayloadException {
        var names = new ArrayList<String>();
        for (JsonNode repository : repositories) {
            String name = repository.path("full_name").asText("");
            if (!name.isEmpty() && !GitHubNames.possibleRepository(name)) {
                throw new UnusablePayloadException("the installation payload lists a repository GitHub could not have");
            }
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }
}

package dev.migrationreview.healing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.migrationreview.github.GitHubRest;
import java.io.IOException;

/**
 * The GitHub requests one run of a job sends, within a budget. A conditional read GitHub answers
 * 304 is counted apart: it does not spend the rate limit. (Installation tokens the client fetches
 * on the side are not the job's requests and are counted by the client's own metrics.)
 */
final class ApiTally {

    private final int budget;
    private int requests;
    private int notModified;

    ApiTally(int budget) {
        this.budget = budget;
    }

    /** Whether the run may send another request. */
    boolean allows() {
        return requests < budget;
    }

    GitHubRest.Page page(GitHubRest rest, String pathOrLink) throws IOException {
        requests++;
        GitHubRest.Page page = rest.page(pathOrLink);
        if (page.notModified()) {
            notModified++;
        }
        return page;
    }

    JsonNode post(GitHubRest rest, String path) throws IOException {
        requests++;
        return rest.post(path, JsonNodeFactory.instance.objectNode());
    }

    int requests() {
        return requests;
    }

    int notModified() {
        return notModified;
    }
}

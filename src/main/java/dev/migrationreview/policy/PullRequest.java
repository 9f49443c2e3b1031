package dev.migrationreview.policy;

import dev.migrationreview.discovery.FileTree;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything the policy knows about a pull request besides the engine's findings. It is filled
 * from GitHub by the App and from a local repository by the command line, and built by hand in
 * tests, so a policy can be tried on a simulated pull request.
 *
 * @param repository   {@code owner/name}
 * @param changedPaths every path the pull request adds, modifies, renames or removes
 * @param headBlobs    git blob ids at head of changed files, where the source knows them (GitHub lists
 *                     them); others are computed from the content
 * @param head         the repository at the head commit (paired down migrations)
 * @param base         the repository at the base branch (CODEOWNERS, the table statistics export)
 * @param reviews      the submitted reviews, in any order
 */
public record PullRequest(
        String repository,
        int number,
        String title,
        String body,
        String author,
        Set<String> labels,
        List<Commit> commits,
        String headSha,
        List<String> changedPaths,
        Map<String, String> headBlobs,
        FileTree head,
        FileTree base,
        List<Review> reviews) {

    public PullRequest {
        labels = Set.copyOf(labels);
        commits = List.copyOf(commits);
        changedPaths = List.copyOf(changedPaths);
        headBlobs = Map.copyOf(headBlobs);
        reviews = List.copyOf(reviews);
    }

    /** A commit of the pull request. */
    public record Commit(String sha, String message) {

        private static final Pattern CO_AUTHOR = Pattern.compile("(?im)^co-authored-by:[ \\t]*(.+?)[ \\t]*$");

        /**
         * The {@code Co-authored-by} trailers, as {@code Name <email>}. Git reads trailers from
         * the message's last paragraph only, and so does this.
         */
        public List<String> coAuthors() {
            String text = message.strip().replace("\r\n", "\n");
            int lastBreak = text.lastIndexOf("\n\n");
            Matcher matcher = CO_AUTHOR.matcher(lastBreak < 0 ? text : text.substring(lastBreak + 2));
            var result = new ArrayList<String>();
            while (matcher.find()) {
                result.add(matcher.group(1));
            }
            return result;
        }
    }

    /** A submitted review: who, what they decided, and the head commit they looked at. */
    public record Review(String author, State state, String commitSha, Instant submittedAt) {

        public enum State {
            APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED;

            /** GitHub's review state names (APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED). */
            public static Optional<State> fromGitHub(String state) {
                String name = state.strip().toUpperCase(Locale.ROOT);
                for (State s : values()) {
                    if (s.name().equals(name)) {
                        return Optional.of(s);
                    }
                }
                return Optional.empty();
            }
        }
    }
}

package dev.migrationreview.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.config.PolicyConfig.AiAuthors;
import dev.migrationreview.config.PolicyConfig.AiProfile;
import dev.migrationreview.policy.PullRequest.Commit;
import java.util.List;
import org.junit.jupiter.api.Test;

class AiAuthorshipTest {

    private static AiAuthorship detect(AiAuthors config, SimulatedPullRequest pr) {
        return AiAuthorship.detect(config, pr.pullRequest());
    }

    @Test
    void aHumanWithoutSignsIsNotAnAgent() {
        assertThat(detect(AiAuthors.DEFAULTS, new SimulatedPullRequest().author("mia"))).isEqualTo(AiAuthorship.HUMAN);
    }

    @Test
    void knownAgentsAndBotAccountsAreDetectedFromTheAuthor() {
        assertThat(detect(AiAuthors.DEFAULTS, new SimulatedPullRequest().author("Copilot")).signals())
                .containsExactly("the author Copilot is a coding agent");
        assertThat(detect(AiAuthors.DEFAULTS, new SimulatedPullRequest().author("devin-ai-integration[bot]")).signals())
                .containsExactly("the author devin-ai-integration[bot] is a coding agent");
        assertThat(detect(AiAuthors.DEFAULTS, new SimulatedPullRequest().author("renovate[bot]")).signals())
                .containsExactly("the author renovate[bot] is a bot account");
    }

    @Test
    void labelsAndCoAuthorTrailersInTheLastParagraphCount() {
        var pr = new SimulatedPullRequest().author("mia").label("AI-Generated").label("backend")
                .commit("0123456789abcdef", "Add totals\n\nCo-authored-by: Claude <noreply@anthropic.com>")
                .commit("fedcba9876543210", "Co-authored-by: Cursor Agent <cursoragent@cursor.com>\n\nBody mentions it above the trailers")
                .commit("1111111111111111", "Pair work\n\nCo-authored-by: Ola Nordmann <ola@example.com>");
        assertThat(detect(AiAuthors.DEFAULTS, pr).signals()).containsExactly(
                "the label AI-Generated", "commit 0123456 is co-authored by Claude <noreply@anthropic.com>");
    }

    @Test
    void configuredLoginsLabelsAndCoAuthorsAddToOrReplaceTheBuiltIns() {
        var custom = new AiAuthors(false, List.of("our-agent"), List.of("robot"), List.of("agent@acme.dev"), AiProfile.STRICT);
        assertThat(detect(custom, new SimulatedPullRequest().author("OUR-AGENT")).signals())
                .containsExactly("the author OUR-AGENT is listed in ai.logins");
        assertThat(detect(custom, new SimulatedPullRequest().author("renovate[bot]").label("ai-generated")).detected())
                .as("built-in detection is off").isFalse();
        assertThat(detect(custom, new SimulatedPullRequest().author("x").label("Robot")
                .commit("abc", "Fix\n\nCo-authored-by: Helper <agent@acme.dev>")).signals())
                .containsExactly("the label Robot", "commit abc is co-authored by Helper <agent@acme.dev>");
    }

    @Test
    void trailersAreReadFromTheMessagesLastParagraph() {
        assertThat(new Commit("a", "Subject\n\nbody\r\n\r\nSigned-off-by: A <a@x>\r\nco-authored-by:   B <b@x>  \r\n").coAuthors())
                .containsExactly("B <b@x>");
        assertThat(new Commit("a", "Subject only").coAuthors()).isEmpty();
    }
}

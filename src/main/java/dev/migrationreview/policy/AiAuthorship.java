package dev.migrationreview.policy;

import dev.migrationreview.config.PolicyConfig.AiAuthors;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Whether a pull request was written by a coding agent, and what gave it away: the author's
 * login, a label, or a {@code Co-authored-by} trailer naming an agent.
 *
 * @param signals one sentence per sign found, e.g. "the author copilot-swe-agent[bot] is a bot account"
 */
public record AiAuthorship(boolean detected, List<String> signals) {

    public AiAuthorship {
        signals = List.copyOf(signals);
    }

    public static final AiAuthorship HUMAN = new AiAuthorship(false, List.of());

    /** Coding agents that open pull requests under a user (not [bot]) login. */
    static final List<String> AGENT_LOGINS = List.of("copilot", "copilot-swe-agent", "devin-ai-integration",
            "openhands-agent", "sweep-ai", "codegen-sh", "google-labs-jules", "chatgpt-codex-connector", "claude",
            "cursor", "amazon-q-developer", "gemini-code-assist");
    /** Text in a Co-authored-by trailer's name or e-mail that identifies a coding agent. */
    static final List<String> AGENT_CO_AUTHORS = List.of("noreply@anthropic.com", "copilot@users.noreply.github.com",
            "cursoragent@cursor.com", "devin-ai-integration", "openhands@all-hands.dev", "noreply@aider.chat",
            "google-labs-jules", "chatgpt-codex-connector", "gemini-code-assist", "amazon-q-developer");
    static final List<String> AI_LABELS = List.of("ai-generated", "ai-authored", "ai-assisted", "coding-agent", "copilot");

    static AiAuthorship detect(AiAuthors config, PullRequest pr) {
        var signals = new ArrayList<String>();
        String author = pr.author().strip();
        String login = author.toLowerCase(Locale.ROOT);
        boolean builtIn = config.builtInDetection();
        if (config.logins().stream().anyMatch(author::equalsIgnoreCase)) {
            signals.add("the author " + author + " is listed in ai.logins");
        } else if (builtIn && AGENT_LOGINS.contains(login.replace("[bot]", ""))) {
            signals.add("the author " + author + " is a coding agent");
        } else if (builtIn && login.endsWith("[bot]")) {
            signals.add("the author " + author + " is a bot account");
        }
        List<String> labels = Stream.concat(config.labels().stream(), builtIn ? AI_LABELS.stream() : Stream.empty()).toList();
        pr.labels().stream().filter(l -> labels.stream().anyMatch(l::equalsIgnoreCase)).sorted()
                .forEach(l -> signals.add("the label " + l));
        List<String> agents = Stream.concat(config.coAuthors().stream(), builtIn ? AGENT_CO_AUTHORS.stream() : Stream.empty())
                .map(a -> a.toLowerCase(Locale.ROOT)).toList();
        for (PullRequest.Commit commit : pr.commits()) {
            for (String coAuthor : commit.coAuthors()) {
                String lower = coAuthor.toLowerCase(Locale.ROOT);
                if (agents.stream().anyMatch(lower::contains)) {
                    signals.add("commit " + Shas.abbreviate(commit.sha()) + " is co-authored by " + coAuthor);
                }
            }
        }
        return signals.isEmpty() ? HUMAN : new AiAuthorship(true, signals.stream().distinct().toList());
    }
}

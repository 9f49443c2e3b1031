package dev.migrationreview.command;

import dev.migrationreview.command.Authorisation.Permit;
import dev.migrationreview.command.CommandParser.Parsed;
import dev.migrationreview.config.ConfigResult;
import dev.migrationreview.github.PullRequestConversation;
import dev.migrationreview.github.PullRequestConversation.Reaction;
import dev.migrationreview.rule.Finding;
import dev.migrationreview.rule.RuleCatalog;
import dev.migrationreview.rule.RuleDocs;
import dev.migrationreview.store.CommandLog;
import dev.migrationreview.store.CommandLog.Outcome;
import dev.migrationreview.store.PullRequestDecision;
import dev.migrationreview.store.PullRequestDecision.Kind;
import dev.migrationreview.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the slash commands of one new pull request comment: acknowledges it (eyes), checks each
 * command against who may use it at this moment, records what it decides, answers in one reply
 * when there is something to say (help, explain, plan, refusals), marks the comment done (+1)
 * or refused (confused), and has the pull request re-evaluated once when its decisions changed.
 * A retried delivery finds the commands it already ran in the command log and does not run them twice.
 */
public final class CommandHandler {

    private final Store store;
    private final CommandParser parser;
    private final RuleCatalog catalog;

    /** Publishes the pull request's check and summary again, with the decisions in force. */
    @FunctionalInterface
    public interface Reevaluation {
        String run() throws IOException;
    }

    public CommandHandler(Store store, CommandParser parser, RuleCatalog catalog) {
        this.store = store;
        this.parser = parser;
        this.catalog = catalog;
    }

    public CommandParser parser() {
        return parser;
    }

    /** What one command came to. */
    private record Result(Outcome outcome, String detail, boolean replies, boolean changed) {
        static Result done(String detail, boolean changed) {
            return new Result(Outcome.DONE, detail, false, changed);
        }

        static Result answer(String reply) {
            return new Result(Outcome.DONE, reply, true, false);
        }

        static Result refused(String why, String whoMay) {
            return new Result(Outcome.REFUSED, "Not done: " + why + ". Who may: " + whoMay + ".", true, false);
        }

        static Result invalid(String problem, String usage) {
            return new Result(Outcome.INVALID, "Not understood: " + problem + ". Usage: `" + usage + "`", true, false);
        }
    }

    /**
     * @param prKey        the pull request's work key (the store's key for it)
     * @param conversation the pull request's comments and people on GitHub
     * @param source       reads the pull request's newest head, its base configuration and its review
     */
    public String handle(CommentEvent event, String prKey, PullRequestConversation conversation, Inspection.Source source,
                         Reevaluation reevaluation) throws IOException {
        List<Parsed> commands = parser.parse(event.body());
        if (commands.isEmpty()) {
            return "the comment carries no command";
        }
        CommandLog log = store.commandLog();
        List<CommandLog.Entry> logged = log.ofComment(event.commentId());
        if (logged.isEmpty()) {
            conversation.react(event.commentId(), Reaction.EYES);
        }
        var run = new Run(event, prKey, conversation, source);
        var results = new ArrayList<Result>();
        try {
            for (int i = 0; i < commands.size(); i++) {
                Parsed parsed = commands.get(i);
                if (i < logged.size()) {
                    CommandLog.Entry entry = logged.get(i);
                    results.add(new Result(entry.outcome(), entry.detail(), replies(parsed.command(), entry.outcome()),
                            entry.changed()));
                    continue;
                }
                Result result = run.execute(parsed.command());
                log.log(event.commentId(), i, prKey, event.author(), parsed.line(), result.outcome(), result.detail(),
                        result.changed());
                results.add(result);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        reply(event, conversation, commands, results);
        boolean allDone = results.stream().allMatch(r -> r.outcome() == Outcome.DONE);
        conversation.react(event.commentId(), allDone ? Reaction.THUMBS_UP : Reaction.CONFUSED);
        long done = results.stream().filter(r -> r.outcome() == Outcome.DONE).count();
        String outcome = done + " of " + results.size() + (results.size() == 1 ? " command" : " commands") + " done";
        if (results.stream().anyMatch(Result::changed) || store.decisions().reevaluationPending(prKey)) {
            return outcome + "; " + reevaluation.run();
        }
        return outcome;
    }

    private static boolean replies(Command command, Outcome outcome) {
        return outcome != Outcome.DONE || command instanceof Command.Help || command instanceof Command.Explain
                || command instanceof Command.Plan;
    }

    private void reply(CommentEvent event, PullRequestConversation conversation, List<Parsed> commands, List<Result> results)
            throws IOException {
        var body = new StringBuilder();
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i).replies()) {
                body.append(body.isEmpty() ? "" : "\n---\n\n").append("> ").append(commands.get(i).line()).append("\n\n")
                        .append(results.get(i).detail()).append('\n');
            }
        }
        if (body.isEmpty() || store.commandLog().replied(event.commentId())) {
            return;
        }
        conversation.reply("@" + event.author() + "\n\n" + body);
        store.commandLog().recordReply(event.commentId());
    }

    /** The commands of one comment, sharing what they read from GitHub. */
    private final class Run {
        private final CommentEvent event;
        private final String prKey;
        private final Inspection.Source source;
        private final Authorisation authorisation;
        private Inspection inspection;
        private ConfigResult config;

        Run(CommentEvent event, String prKey, PullRequestConversation conversation, Inspection.Source source) {
            this.event = event;
            this.prKey = prKey;
            this.source = source;
            this.authorisation = new Authorisation(this::rules, new GitHubPeople(conversation), event.pullRequestAuthor());
        }

        private Inspection inspection() {
            if (inspection == null) {
                try {
                    inspection = source.inspect();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return inspection;
        }

        private CommandRules rules() {
            config = inspection().config();
            return CommandRules.of(config);
        }

        Result execute(Command command) {
            if (command instanceof Command.Invalid invalid) {
                return Result.invalid(invalid.problem(), Usage.of(invalid.name(), parser.prefix()));
            }
            Permit permit = authorisation.decide(command, event.author());
            if (permit instanceof Permit.Refused refused) {
                String configNote = config != null && !config.errors().isEmpty()
                        ? " (the configuration on the base branch has errors, so its defaults apply)" : "";
                return Result.refused(refused.why() + configNote, refused.whoMay());
            }
            List<String> areas = ((Permit.Granted) permit).areas();
            return switch (command) {
                case Command.Help help -> Result.answer(help());
                case Command.Explain explain -> explain(explain.ruleId());
                case Command.Recheck recheck -> Result.done("a new review of the newest head was asked for", true);
                case Command.Approve approve -> approve(areas);
                case Command.Unapprove unapprove -> unapprove(unapprove.areas());
                case Command.Override override -> override(override);
                case Command.Hold hold -> hold(hold.reason());
                case Command.Unhold unhold -> unhold();
                case Command.Plan plan -> requestProof();
                case Command.Invalid invalid -> throw new IllegalStateException("invalid commands are answered above");
            };
        }

        private Result requestProof() {
            store.pullRequests().requestProof(prKey, event.author());
            return new Result(Outcome.DONE, Usage.PLAN_ANSWER, true, true);
        }

        private String help() {
            var out = new StringBuilder("Commands start a line with `").append(parser.prefix()).append("`:\n\n")
                    .append("| Command | What it does | You |\n|---|---|---|\n");
            for (Usage usage : Usage.ALL) {
                Permit permit = authorisation.decide(usage.example(), event.author());
                String you = switch (permit) {
                    case Permit.Granted granted -> granted.areas().isEmpty() ? "✅ may"
                            : "✅ may (areas: " + String.join(", ", granted.areas()) + ")";
                    case Permit.Refused refused -> "– " + authorisation.whoMay(usage.example()) + " may";
                };
                out.append("| `").append(usage.syntax(parser.prefix())).append("` | ").append(usage.description())
                        .append(" | ").append(you).append(" |\n");
            }
            return out.toString();
        }

        private Result explain(String ruleId) {
            return catalog.doc(ruleId).map(doc -> Result.answer(RuleDocs.render(doc)))
                    .orElseGet(() -> Result.invalid("there is no rule '" + ruleId + "'" + similarRules(ruleId),
                            Usage.of("explain", parser.prefix())));
        }

        private String similarRules(String ruleId) {
            List<String> similar = catalog.docs().stream().map(doc -> doc.id())
                    .filter(id -> id.contains(ruleId) || ruleId.contains(id)).limit(5).toList();
            return similar.isEmpty() ? "" : " (did you mean " + String.join(", ", similar) + "?)";
        }

        private Result approve(List<String> areas) {
            Inspection now = inspection();
            Map<String, String> blobs = MigrationBlobs.of(now.review());
            if (blobs.isEmpty()) {
                return Result.refused("this pull request changes no migration files at " + now.target().shortHead(),
                        "nobody: there is nothing to approve");
            }
            store.decisions().withdraw(prKey, Kind.APPROVAL, Optional.of(event.author()), areas, event.author(), event.commentId());
            for (String area : areas) {
                record(Kind.APPROVAL, area, "", now, blobs);
            }
            return Result.done("approved " + String.join(", ", areas) + " at " + now.target().shortHead(), true);
        }

        private Result unapprove(List<String> areas) {
            List<PullRequestDecision> withdrawn = store.decisions().withdraw(prKey, Kind.APPROVAL, Optional.of(event.author()),
                    areas, event.author(), event.commentId());
            if (withdrawn.isEmpty()) {
                return Result.refused("you have no approval " + (areas.isEmpty() ? "" : "of " + String.join(", ", areas) + " ")
                        + "on record here", "anyone who approved, for their own approval");
            }
            return Result.done("withdrew the approval of "
                    + String.join(", ", withdrawn.stream().map(PullRequestDecision::subject).toList()), true);
        }

        private Result override(Command.Override override) {
            if (catalog.doc(override.ruleId()).isEmpty()) {
                return Result.invalid("there is no rule '" + override.ruleId() + "'" + similarRules(override.ruleId()),
                        Usage.of("override", parser.prefix()));
            }
            Inspection now = inspection();
            List<Finding> covered = now.review().findings().stream()
                    .filter(f -> Decisions.covers(override.subject(), f)).toList();
            if (covered.isEmpty()) {
                return Result.refused("no finding of " + override.subject() + " is in this pull request at "
                        + now.target().shortHead(), authorisation.whoMay(override) + ", for a finding the review reports");
            }
            record(Kind.OVERRIDE, override.subject(), override.reason(), now, MigrationBlobs.of(now.review()));
            return Result.done("overrode " + covered.size() + (covered.size() == 1 ? " finding" : " findings") + " of "
                    + override.subject(), true);
        }

        private Result hold(String reason) {
            Inspection now = inspection();
            store.decisions().withdraw(prKey, Kind.HOLD, Optional.of(event.author()), List.of(), event.author(), event.commentId());
            record(Kind.HOLD, "", reason, now, MigrationBlobs.of(now.review()));
            return Result.done("on hold at " + now.target().shortHead(), true);
        }

        private Result unhold() {
            List<PullRequestDecision> lifted = store.decisions().withdraw(prKey, Kind.HOLD, Optional.empty(), List.of(),
                    event.author(), event.commentId());
            if (lifted.isEmpty()) {
                return Result.refused("nothing is on hold here", authorisation.whoMay(new Command.Unhold()));
            }
            return Result.done("lifted the hold of " + String.join(", ",
                    lifted.stream().map(d -> "@" + d.actor()).distinct().toList()), true);
        }

        private void record(Kind kind, String subject, String reason, Inspection now, Map<String, String> blobs) {
            store.decisions().record(new PullRequestDecision.New(prKey, kind, event.author(), subject, reason,
                    now.target().headSha(), blobs, event.commentId()));
        }
    }

    /** People as GitHub's permission and team APIs describe them. */
    private record GitHubPeople(PullRequestConversation conversation) implements People {
        @Override
        public RepositoryRole role(String login) throws IOException {
            return conversation.permission(login).map(p -> RepositoryRole.fromGitHub(p.roleName(), p.permission()))
                    .orElse(RepositoryRole.NONE);
        }

        @Override
        public boolean isTeamMember(String organisation, String team, String login) throws IOException {
            return conversation.isTeamMember(organisation, team, login);
        }
    }
}

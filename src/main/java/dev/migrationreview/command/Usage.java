package dev.migrationreview.command;

import java.util.List;
import java.util.Optional;

/** How each command is written and what it does, for help and for answers to a mistyped command. */
record Usage(String name, String arguments, String description, Command example) {

    static final List<Usage> ALL = List.of(
            new Usage("help", "", "lists the commands and whether you may use them", new Command.Help()),
            new Usage("recheck", "", "reviews the newest head again", new Command.Recheck()),
            new Usage("explain", "<rule-id>", "answers with the rule's page: the lock, why it hurts, the safe alternative",
                    new Command.Explain("rule-id")),
            new Usage("approve", "[area ...]", "approves the areas you own (all of them when none is named) for the "
                    + "migrations as they are now; a push that changes them lapses the approval", new Command.Approve(List.of())),
            new Usage("unapprove", "[area ...]", "withdraws your approval", new Command.Unapprove(List.of())),
            new Usage("override", "<rule-id> [file:line] reason: <why>", "accepts the findings of a rule (or the one at "
                    + "file:line) in this pull request; they no longer fail the check",
                    new Command.Override("rule-id", Optional.empty(), "why")),
            new Usage("hold", "[reason: <why>]", "keeps the check failing until someone lifts the hold", new Command.Hold("")),
            new Usage("unhold", "", "lifts every hold", new Command.Unhold()),
            new Usage("plan", "", "asks for the database proof of the migrations", new Command.Plan()));

    /** The answer to {@code plan}: what the proof does and where its results will appear. */
    static final String PLAN_ANSWER = "A database proof will run with the next review of this pull request, and with every "
            + "review after it: the base branch's migrations and then these are applied to a throwaway PostgreSQL, "
            + "recording the locks each statement takes, rewrites, errors, the rollback (up, down, up) and the plans of "
            + "the critical queries in the configuration. The results appear in the check run, the summary comment "
            + "and the details page (unless the configuration sets `proof.mode: never`).";

    String syntax(String prefix) {
        return prefix + " " + name + (arguments.isEmpty() ? "" : " " + arguments);
    }

    /** The usage line of the command {@code name}, or the list of commands when there is none by that name. */
    static String of(String name, String prefix) {
        return ALL.stream().filter(u -> u.name().equals(name)).findFirst().map(u -> u.syntax(prefix))
                .orElse(prefix + " help");
    }
}

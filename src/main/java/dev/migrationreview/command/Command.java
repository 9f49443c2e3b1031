package dev.migrationreview.command;

import java.util.List;
import java.util.Optional;

/** One slash command read from a pull request comment. */
public sealed interface Command {

    /** The commands this user may use here. */
    record Help() implements Command {}

    /** Review the newest head again. */
    record Recheck() implements Command {}

    /** Reply with a rule's page. */
    record Explain(String ruleId) implements Command {}

    /** Approve the areas named, or every area the commenter owns when none is named. */
    record Approve(List<String> areas) implements Command {
        public Approve {
            areas = List.copyOf(areas);
        }
    }

    /** Withdraw the commenter's approval of the areas named, or of all of them. */
    record Unapprove(List<String> areas) implements Command {
        public Unapprove {
            areas = List.copyOf(areas);
        }
    }

    /** Accept the findings of a rule in this pull request, or the one at {@code location}, for a stated reason. */
    record Override(String ruleId, Optional<Location> location, String reason) implements Command {

        /** {@code rule-id} or {@code rule-id path:line}: what the override accepts. */
        public String subject() {
            return ruleId + location.map(l -> " " + l).orElse("");
        }
    }

    /** Keep the check failing until someone lifts the hold. */
    record Hold(String reason) implements Command {}

    /** Lift every hold. */
    record Unhold() implements Command {}

    /** Ask for the database proof of the migrations. */
    record Plan() implements Command {}

    /**
     * A line that starts with the prefix but is not a valid command: answered with the usage.
     *
     * @param name the command's name as typed, when it is one (its usage is shown), else what was typed
     */
    record Invalid(String name, String problem) implements Command {}

    /** A file and line in the pull request, as {@code path:line}. */
    record Location(String path, int line) {
        @java.lang.Override
        public String toString() {
            return path + ":" + line;
        }
    }
}

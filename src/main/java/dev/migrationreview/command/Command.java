package dev.migrationreview.command;

import java.util.List;
import java.util.Optional;

/** One slash command read from a pull request comment. */
public sealed interface Command {

    /** The command's name as typed after the prefix. */
    String name();

    /** The commands this user may use here. */
    record Help() implements Command {
        public String name() {
            return "help";
        }
    }

    /** Review the newest head again. */
    record Recheck() implements Command {
        public String name() {
            return "recheck";
        }
    }

    /** Reply with a rule's page. */
    record Explain(String ruleId) implements Command {
        public String name() {
            return "explain";
        }
    }

    /** Approve the areas named, or every area the commenter owns when none is named. */
    record Approve(List<String> areas) implements Command {
        public Approve {
            areas = List.copyOf(areas);
        }

        public String name() {
            return "approve";
        }
    }

    /** Withdraw the commenter's approval of the areas named, or of all of them. */
    record Unapprove(List<String> areas) implements Command {
        public Unapprove {
            areas = List.copyOf(areas);
        }

        public String name() {
            return "unapprove";
        }
    }

    /** Accept the findings of a rule in this pull request, or the one at {@code location}, for a stated reason. */
    record Override(String ruleId, Optional<Location> location, String reason) implements Command {
        public String name() {
            return "override";
        }

        /** {@code rule-id} or {@code rule-id path:line}: what the override accepts. */
        public String subject() {
            return ruleId + location.map(l -> " " + l).orElse("");
        }
    }

    /** Keep the check failing until someone lifts the hold. */
    record Hold(String reason) implements Command {
        public String name() {
            return "hold";
        }
    }

    /** Lift every hold. */
    record Unhold() implements Command {
        public String name() {
            return "unhold";
        }
    }

    /** Ask for the database proof of the migrations. */
    record Plan() implements Command {
        public String name() {
            return "plan";
        }
    }

    /** A line that starts with the prefix but is not a valid command: answered with the usage. */
    record Invalid(String name, String problem) implements Command {}

    /** A file and line in the pull request, as {@code path:line}. */
    record Location(String path, int line) {
        @java.lang.Override
        public String toString() {
            return path + ":" + line;
        }
    }
}

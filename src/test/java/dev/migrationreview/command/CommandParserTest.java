package dev.migrationreview.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationreview.command.Command.Location;
import dev.migrationreview.command.CommandParser.Parsed;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandParserTest {

    final CommandParser parser = new CommandParser(CommandParser.DEFAULT_PREFIX);

    List<Command> commands(String body) {
        return parser.parse(body).stream().map(Parsed::command).toList();
    }

    @Test
    void everyCommandWithItsArguments() {
        assertThat(commands("""
                /migration-review help
                /migration-review recheck
                /migration-review explain Add-Column-Required-No-Default
                /migration-review approve
                /migration-review approve billing, scores
                /migration-review unapprove billing
                /migration-review override drop-column db/V2__drop.sql:12 reason: nothing reads it since v41
                /migration-review hold reason: release freeze
                /migration-review unhold
                /migration-review plan
                """)).containsExactly(
                new Command.Help(),
                new Command.Recheck(),
                new Command.Explain("add-column-required-no-default"),
                new Command.Approve(List.of()),
                new Command.Approve(List.of("billing", "scores")),
                new Command.Unapprove(List.of("billing")),
                new Command.Override("drop-column", Optional.of(new Location("db/V2__drop.sql", 12)), "nothing reads it since v41"),
                new Command.Hold("release freeze"),
                new Command.Unhold(),
                new Command.Plan());
    }

    @Test
    void anOverrideOfAWholeRuleAndAHoldWithoutTheReasonKeyword() {
        assertThat(commands("/migration-review override prefer-text Reason:   legacy column, kept as is\n"
                + "/migration-review hold until the backfill is done"))
                .containsExactly(new Command.Override("prefer-text", Optional.empty(), "legacy column, kept as is"),
                        new Command.Hold("until the backfill is done"));
    }

    @Test
    void anOverrideNeedsARuleAndAReason() {
        assertThat(commands("/migration-review override drop-column\n/migration-review override drop-column reason:\n"
                + "/migration-review override reason: because\n/migration-review override drop-column a.sql:zero reason: x"))
                .extracting(c -> ((Command.Invalid) c).problem())
                .containsExactly("an override needs a reason: add `reason: <why it is safe here>`",
                        "an override needs a reason: add `reason: <why it is safe here>`",
                        "'override' needs a rule id, optionally a file:line, and a reason",
                        "'a.sql:zero' is not a file:line");
    }

    @Test
    void reasonsHaveALimit() {
        String paragraph = "x".repeat(CommandParser.MAX_REASON);
        assertThat(commands("/migration-review hold " + paragraph)).containsExactly(new Command.Hold(paragraph));
        assertThat(commands("/migration-review hold " + paragraph + "y\n/migration-review override drop-column reason: "
                + paragraph + "y")).extracting(c -> ((Command.Invalid) c).problem())
                .containsOnly("the reason is longer than 1000 characters");
    }

    @Test
    void mistakesAreAnsweredNotIgnored() {
        assertThat(commands("/migration-review frobnicate\n/migration-review recheck now\n/migration-review explain\n"
                + "/migration-review approve <script>"))
                .extracting(c -> ((Command.Invalid) c).problem())
                .containsExactly("there is no command 'frobnicate'", "'recheck' takes no arguments",
                        "'explain' needs one rule id, e.g. `explain add-column-required-no-default`",
                        "'<script>' is not an area name");
    }

    @Test
    void onlyLinesThatStartWithThePrefixCount() {
        String body = """
                Thanks! I ran `/migration-review approve` in my head.
                > /migration-review approve
                ```
                /migration-review hold
                ```
                /migration-reviewer approve
                  /migration-review   approve   scores
                /migration-review
                """;
        assertThat(parser.parse(body)).containsExactly(new Parsed("/migration-review approve   scores",
                new Command.Approve(List.of("scores"))), new Parsed("/migration-review", new Command.Help()));
        assertThat(parser.carriesCommand("> /migration-review approve\nno command here")).isFalse();
        assertThat(parser.carriesCommand("ok\r\n/migration-review recheck\r\n")).isTrue();
    }

    @Test
    void aCommentCarriesAtMostTenCommands() {
        List<Command> many = commands("/migration-review recheck\n".repeat(12));
        assertThat(many).hasSize(11).startsWith(new Command.Recheck());
        assertThat(many.getLast()).isEqualTo(new Command.Invalid("",
                "a comment may carry at most 10 commands; the other 2 were not run"));
    }

    @Test
    void theParserTakesAConfiguredPrefix() {
        var custom = new CommandParser("/db");
        assertThat(custom.parse("/db hold\n/migration-review hold")).extracting(Parsed::command)
                .containsExactly(new Command.Hold(""));
        assertThatThrownBy(() -> new CommandParser("db")).hasMessageContaining("starts with '/'");
        assertThatThrownBy(() -> new CommandParser("/db review")).hasMessageContaining("no spaces");
    }
}

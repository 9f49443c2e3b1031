package dev.migrationreview.command;

import dev.migrationreview.command.Command.Location;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads slash commands from a comment: every line that starts with the prefix (after optional
 * indentation) carries one. Lines inside fenced code blocks and quoted lines are text, not
 * commands, so quoting someone's command or pasting the documentation does nothing.
 */
public final class CommandParser {

    public static final String DEFAULT_PREFIX = "/migration-review";
    /** More commands than this in one comment are refused: nobody needs them, and each may cost API calls. */
    public static final int MAX_COMMANDS = 10;

    /** Reasons are stored and shown in every summary: a paragraph is plenty. */
    public static final int MAX_REASON = 1000;
    private static final int MAX_PATH = 1000;
    private static final Pattern REASON = Pattern.compile("(?i)(?:^|\\s)reason:\\s*(.*)$");
    private static final Pattern LOCATION = Pattern.compile("(\\S+):(\\d{1,7})");
    private static final Pattern RULE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");
    private static final Pattern AREA = Pattern.compile("[\\p{L}\\p{N}_.:/-]{1,100}");

    private final String prefix;

    public CommandParser(String prefix) {
        if (!prefix.startsWith("/") || prefix.length() < 2 || prefix.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("a command prefix starts with '/' and has no spaces: '" + prefix + "'");
        }
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    /** Whether any line of {@code body} carries a command (cheap: the inbox asks this of every comment). */
    public boolean carriesCommand(String body) {
        return !commandLines(body).isEmpty();
    }

    /** A command with the line it was read from. */
    public record Parsed(String line, Command command) {}

    /** The commands in {@code body}, in order; lines beyond {@link #MAX_COMMANDS} come back as one invalid command. */
    public List<Parsed> parse(String body) {
        List<String> lines = commandLines(body);
        var commands = new ArrayList<Parsed>();
        for (String line : lines.subList(0, Math.min(lines.size(), MAX_COMMANDS))) {
            commands.add(new Parsed((prefix + " " + line).strip(), parseLine(line)));
        }
        if (lines.size() > MAX_COMMANDS) {
            commands.add(new Parsed(prefix + " …", new Command.Invalid("", "a comment may carry at most " + MAX_COMMANDS
                    + " commands; the other " + (lines.size() - MAX_COMMANDS) + " were not run")));
        }
        return commands;
    }

    /** The text after the prefix of each command line. */
    private List<String> commandLines(String body) {
        var lines = new ArrayList<String>();
        boolean inFence = false;
        for (String raw : body.split("\\R", -1)) {
            String line = raw.strip();
            if (line.startsWith("```") || line.startsWith("~~~")) {
                inFence = !inFence;
                continue;
            }
            if (inFence || !line.startsWith(prefix)) {
                continue;
            }
            String rest = line.substring(prefix.length());
            if (rest.isEmpty() || Character.isWhitespace(rest.charAt(0))) {
                lines.add(rest.strip());
            }
        }
        return lines;
    }

    Command parseLine(String text) {
        if (text.isEmpty()) {
            return new Command.Help();
        }
        String[] words = text.split("\\s+", 2);
        String name = words[0].toLowerCase(Locale.ROOT);
        String arguments = words.length > 1 ? words[1].strip() : "";
        return switch (name) {
            case "help" -> new Command.Help();
            case "recheck" -> noArguments(name, arguments, new Command.Recheck());
            case "plan" -> noArguments(name, arguments, new Command.Plan());
            case "unhold" -> noArguments(name, arguments, new Command.Unhold());
            case "hold" -> hold(reasonOf(arguments).orElse(arguments));
            case "explain" -> explain(arguments);
            case "approve", "unapprove" -> areas(name, arguments);
            case "override" -> override(arguments);
            default -> new Command.Invalid(name, "there is no command '" + words[0] + "'");
        };
    }

    private static Command noArguments(String name, String arguments, Command command) {
        return arguments.isEmpty() ? command : new Command.Invalid(name, "'" + name + "' takes no arguments");
    }

    private static Command hold(String reason) {
        return reason.length() > MAX_REASON ? tooLong("hold") : new Command.Hold(reason);
    }

    private static Command tooLong(String name) {
        return new Command.Invalid(name, "the reason is longer than " + MAX_REASON + " characters");
    }

    private static Command explain(String arguments) {
        String ruleId = arguments.toLowerCase(Locale.ROOT);
        if (!RULE_ID.matcher(ruleId).matches()) {
            return new Command.Invalid("explain", "'explain' needs one rule id, e.g. `explain add-column-required-no-default`");
        }
        return new Command.Explain(ruleId);
    }

    private static Command areas(String name, String arguments) {
        List<String> areas = arguments.isEmpty() ? List.of()
                : Arrays.stream(arguments.split("[\\s,]+")).filter(a -> !a.isEmpty()).toList();
        for (String area : areas) {
            if (!AREA.matcher(area).matches()) {
                return new Command.Invalid(name, "'" + area + "' is not an area name");
            }
        }
        return name.equals("approve") ? new Command.Approve(areas) : new Command.Unapprove(areas);
    }

    private static Command override(String arguments) {
        Optional<String> reason = reasonOf(arguments);
        Matcher reasonAt = REASON.matcher(arguments);
        String target = reasonAt.find() ? arguments.substring(0, reasonAt.start()).strip() : arguments;
        String[] words = target.isEmpty() ? new String[0] : target.split("\\s+");
        if (words.length == 0 || words.length > 2 || !RULE_ID.matcher(words[0].toLowerCase(Locale.ROOT)).matches()) {
            return new Command.Invalid("override", "'override' needs a rule id, optionally a file:line, and a reason");
        }
        Optional<Location> location = Optional.empty();
        if (words.length == 2) {
            Matcher at = LOCATION.matcher(words[1]);
            if (!at.matches() || Integer.parseInt(at.group(2)) < 1 || at.group(1).length() > MAX_PATH) {
                return new Command.Invalid("override", "'" + words[1] + "' is not a file:line");
            }
            location = Optional.of(new Location(at.group(1), Integer.parseInt(at.group(2))));
        }
        if (reason.isEmpty()) {
            return new Command.Invalid("override", "an override needs a reason: add `reason: <why it is safe here>`");
        }
        if (reason.get().length() > MAX_REASON) {
            return tooLong("override");
        }
        return new Command.Override(words[0].toLowerCase(Locale.ROOT), location, reason.get());
    }

    /** The text after {@code reason:}, when there is some. */
    private static Optional<String> reasonOf(String arguments) {
        Matcher matcher = REASON.matcher(arguments);
        return matcher.find() ? Optional.of(matcher.group(1).strip()).filter(r -> !r.isEmpty()) : Optional.empty();
    }
}

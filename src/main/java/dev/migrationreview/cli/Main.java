package dev.migrationreview.cli;

import dev.migrationreview.redaction.Redaction;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code review}, {@code prove}, {@code rules}, {@code explain}, {@code serve}, {@code bench}. */
@Command(name = "migration-review", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Reviews database schema migrations for locks, rewrites and breaking changes.",
        subcommands = {ReviewCommand.class, ProveCommand.class, RulesCommand.class, ExplainCommand.class, BenchCommand.class,
                ServeCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static final String VERSION = "0.1.0";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // UTF-8 whatever the platform's default: reports go to files and tools as often as to terminals.
        var out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), true);
        var err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
        int code = run(out, err, CommandLine.Help.Ansi.AUTO, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Runs the command line and returns its exit code: 0 clean, 1 findings at or above the
     * threshold, 2 usage or internal error. {@code ansi} decides colour (AUTO: only on a terminal).
     */
    public static int run(PrintWriter out, PrintWriter err, CommandLine.Help.Ansi ansi, String... args) {
        var commandLine = new CommandLine(new Main());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(ansi));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        // picocli answers invalid input with 2 already; an internal failure must not look like "findings" (1).
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            cmd.getErr().println("migration-review: " + Redaction.redact(describe(e)));
            return ExitCodes.USAGE_OR_ERROR;
        });
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    private static String describe(Exception e) {
        if (e instanceof UserError || e instanceof dev.migrationreview.snapshot.SnapshotException) {
            return e.getMessage();
        }
        return "internal error: " + e + " (please report it with the command you ran)";
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"migration-review " + VERSION};
        }
    }
}

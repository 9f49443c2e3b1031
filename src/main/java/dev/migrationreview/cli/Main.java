package dev.migrationreview.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code review}, {@code rules}, {@code explain}, {@code serve}, {@code bench}. */
@Command(name = "migration-review", mixinStandardHelpOptions = true, version = "migration-review 0.1.0",
        description = "Reviews database schema migrations for locks, rewrites and breaking changes.",
        subcommands = {ServeCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (0 clean, 1 findings, 2 usage or internal error). */
    public static int run(String... args) {
        var commandLine = new CommandLine(new Main());
        // picocli answers invalid input with 2 already; an internal failure must not look like "findings" (1).
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            cmd.getErr().println("migration-review: " + e.getMessage());
            return 2;
        });
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}

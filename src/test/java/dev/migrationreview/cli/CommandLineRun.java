package dev.migrationreview.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One run of the command line in this JVM: exit code and both output streams. */
record CommandLineRun(int exitCode, String out, String err) {

    static CommandLineRun of(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), CommandLine.Help.Ansi.OFF, args);
        return new CommandLineRun(code, out.toString(), err.toString());
    }
}

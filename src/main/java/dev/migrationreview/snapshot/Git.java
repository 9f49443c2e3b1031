package dev.migrationreview.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs git in one working directory with a time limit, reading its output and error streams
 * concurrently so a chatty command can never block on a full pipe.
 */
final class Git {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final Path directory;
    private final Duration timeout;

    Git(Path directory, Duration timeout) {
        this.directory = directory;
        this.timeout = timeout;
    }

    Path directory() {
        return directory;
    }

    /** The command's standard output; a non-zero exit becomes a {@link SnapshotException} quoting git. */
    byte[] run(String... args) {
        return run(new byte[0], args);
    }

    byte[] run(byte[] input, String... args) {
        Result result = execute(input, args);
        if (result.exitCode != 0) {
            throw new SnapshotException("git " + String.join(" ", args) + " failed: " + result.errorText());
        }
        return result.output;
    }

    String text(String... args) {
        return new String(run(args), StandardCharsets.UTF_8).strip();
    }

    /** The command's output, or empty when git answers with a non-zero exit (a ref or path that does not exist). */
    Optional<byte[]> attempt(String... args) {
        Result result = execute(new byte[0], args);
        return result.exitCode == 0 ? Optional.of(result.output) : Optional.empty();
    }

    Optional<String> attemptText(String... args) {
        return attempt(args).map(bytes -> new String(bytes, StandardCharsets.UTF_8).strip());
    }

    private record Result(int exitCode, byte[] output, byte[] error) {
        String errorText() {
            String text = new String(error, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "exit code " + exitCode : text;
        }
    }

    private Result execute(byte[] input, String... args) {
        var command = new ArrayList<String>(List.of("git", "-c", "core.quotepath=off"));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().put("GIT_TERMINAL_PROMPT", "0");
        builder.environment().put("GIT_PAGER", "cat");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new SnapshotException("could not run git (is it installed and on the PATH?): " + e.getMessage(), e);
        }
        try (var streams = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> feeding = streams.submit(() -> feed(process.getOutputStream(), input));
            Future<byte[]> output = streams.submit(() -> readAll(process.getInputStream()));
            Future<byte[]> error = streams.submit(() -> readAll(process.getErrorStream()));
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stop(process);
                throw new SnapshotException("git " + String.join(" ", args) + " did not finish within "
                        + describe(timeout));
            }
            feeding.get();
            return new Result(process.exitValue(), output.get(), error.get());
        } catch (InterruptedException e) {
            stop(process);
            Thread.currentThread().interrupt();
            throw new SnapshotException("interrupted while running git " + String.join(" ", args), e);
        } catch (ExecutionException e) {
            stop(process);
            throw new SnapshotException("could not talk to git " + String.join(" ", args) + ": " + e.getCause().getMessage(), e);
        }
    }

    /** Stops git and whatever it started (hooks, ssh, aliases), which would otherwise hold its pipes open. */
    private static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static Void feed(OutputStream stdin, byte[] input) {
        try (stdin) {
            stdin.write(input);
        } catch (IOException e) {
            // git stops reading its input when it fails early (broken pipe); its exit code and message tell why.
        }
        return null;
    }

    private static byte[] readAll(InputStream stream) throws IOException {
        try (stream) {
            return stream.readAllBytes();
        }
    }
}

package dev.migrationreview.snapshot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real git repository in a test's temporary folder, built commit by commit. */
public final class TemporaryGitRepository {

    private final Path root;

    private TemporaryGitRepository(Path root) {
        this.root = root;
    }

    /** An empty repository whose first branch is {@code initialBranch}. */
    public static TemporaryGitRepository init(Path root, String initialBranch) {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new AssertionError("cannot create " + root, e);
        }
        var repository = new TemporaryGitRepository(root);
        repository.git("init", "--quiet", "--initial-branch=" + initialBranch);
        return repository;
    }

    public Path root() {
        return root;
    }

    public TemporaryGitRepository write(String path, String content) {
        return write(path, content.getBytes(StandardCharsets.UTF_8));
    }

    public TemporaryGitRepository write(String path, byte[] content) {
        try {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new AssertionError("cannot write " + path, e);
        }
        return this;
    }

    public TemporaryGitRepository commit(String message) {
        git("add", "--all");
        git("commit", "--quiet", "--allow-empty", "-m", message);
        return this;
    }

    public TemporaryGitRepository branch(String name) {
        git("checkout", "--quiet", "-b", name);
        return this;
    }

    public TemporaryGitRepository checkout(String name) {
        git("checkout", "--quiet", name);
        return this;
    }

    /** Runs git in the repository, isolated from the machine's git configuration, and returns its output. */
    public String git(String... args) {
        var command = new ArrayList<>(List.of("git", "-c", "user.name=Test Author", "-c", "user.email=author@example.com",
                "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        try {
            var builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
            builder.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
            builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("git " + String.join(" ", args) + " failed: " + output);
            }
            return output.strip();
        } catch (IOException e) {
            throw new AssertionError("cannot run git", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

package dev.migrationreview.config;

import dev.migrationreview.config.YamlNode.Entry;
import dev.migrationreview.config.YamlNode.Mapping;
import dev.migrationreview.config.YamlNode.Position;
import dev.migrationreview.discovery.RepositoryPath;
import dev.migrationreview.discovery.SourceFile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Follows {@code extends} and finds the organisation default, as probot apps do: a repository
 * without its own file uses {@code .github/migration-review.yml} of its owner's {@code .github}
 * repository, and {@code extends: .github}, {@code extends: other-repo},
 * {@code extends: other-org/repo} or {@code extends: repo:path/to/file.yml} names a file whose
 * settings this one overrides. Top-level keys of the extending file replace the extended file's;
 * mapping-valued keys ({@code rules}, {@code checklist}, {@code ai}, ...) are merged key by key.
 * Every node keeps its file, so errors name the file they are in.
 */
final class ConfigInheritance {

    static final int MAX_DEPTH = 5;
    private static final Pattern REFERENCE = Pattern.compile(
            "(?:(?<owner>[A-Za-z0-9][A-Za-z0-9-]{0,38})/)?(?<repo>[A-Za-z0-9._-]{1,100})(?::(?<path>[^:]+))?");

    private final Optional<String> repository;
    private final ConfigSource source;

    private ConfigInheritance(Optional<String> repository, ConfigSource source) {
        this.repository = repository;
        this.source = source;
    }

    /** Reads single files: {@code extends} is reported, since no other repository can be read. */
    static ConfigInheritance noOtherRepositories() {
        return new ConfigInheritance(Optional.empty(), ConfigSource.NONE);
    }

    static ConfigInheritance of(String repository, ConfigSource source) {
        if (!repository.matches("[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("a repository is named owner/name, not '" + repository + "'");
        }
        return new ConfigInheritance(Optional.of(repository), source);
    }

    /** The owner's default configuration, named after its repository so errors point there. */
    Optional<SourceFile> organisationDefault() {
        return repository.flatMap(r -> {
            String defaults = owner(r) + "/.github";
            return source.read(defaults, ReviewConfig.DEFAULT_PATH).map(f -> named(defaults, f));
        });
    }

    /** The file with everything it extends merged in; empty when it holds no settings at all. */
    Optional<YamlNode> read(SourceFile file, ConfigReading reading) {
        Set<String> visited = new HashSet<>();
        visited.add(key(repository.orElse(""), file.path()));
        return read(file, repository, reading, visited, 0);
    }

    private Optional<YamlNode> read(SourceFile file, Optional<String> current, ConfigReading reading, Set<String> visited,
                                    int depth) {
        Optional<YamlNode> root = parse(file, reading);
        if (root.isEmpty() || !(root.get() instanceof Mapping mapping)) {
            return root;
        }
        List<Entry> extendsEntries = mapping.entries().stream().filter(e -> e.key().equals(ConfigLoader.EXTENDS)).toList();
        if (extendsEntries.isEmpty()) {
            return root;
        }
        extendsEntries.stream().skip(1).forEach(e -> reading.error(e.keyAt(), "'" + ConfigLoader.EXTENDS
                + "' is set twice (first on line " + extendsEntries.getFirst().keyAt().line() + ")"));
        Mapping own = new Mapping(mapping.entries().stream().filter(e -> !e.key().equals(ConfigLoader.EXTENDS)).toList(),
                mapping.at());
        Optional<YamlNode> parent = reading.text(extendsEntries.getFirst().value(), ConfigLoader.EXTENDS)
                .flatMap(reference -> parent(reference, extendsEntries.getFirst().value().at(), current, reading, visited, depth));
        if (parent.isPresent() && !(parent.get() instanceof Mapping)) {
            reading.error(parent.get().at(), "an extended configuration must be a mapping of settings, found "
                    + YamlNode.describe(parent.get()));
            return Optional.of(own);
        }
        return Optional.of(parent.map(p -> merge((Mapping) p, own, true)).orElse(own));
    }

    private Optional<YamlNode> parent(String reference, Position at, Optional<String> current, ConfigReading reading,
                                      Set<String> visited, int depth) {
        var matcher = REFERENCE.matcher(reference);
        Optional<String> inside = matcher.matches() && matcher.group("path") != null
                ? RepositoryPath.inside(matcher.group("path")) : Optional.of(ReviewConfig.DEFAULT_PATH);
        // "." and ".." are no repository names: in an API path they would climb to another endpoint.
        if (!matcher.matches() || inside.filter(p -> !p.isEmpty()).isEmpty() || matcher.group("repo").matches("\\.{1,2}")) {
            reading.error(at, "'extends: " + reference + "' must name a repository as repo, owner/repo, or repo:path/to/file.yml "
                    + "(a path inside that repository)");
            return Optional.empty();
        }
        String path = inside.get();
        if (current.isEmpty()) {
            reading.error(at, "'extends: " + reference + "' can only be followed where other repositories can be read "
                    + "(the GitHub App); this review ran without it");
            return Optional.empty();
        }
        String owner = matcher.group("owner") == null ? owner(current.get()) : matcher.group("owner");
        String target = owner + "/" + matcher.group("repo");
        if (depth + 1 >= MAX_DEPTH) {
            reading.error(at, "'extends: " + reference + "' goes deeper than " + MAX_DEPTH + " files; extend the final file directly");
            return Optional.empty();
        }
        if (!visited.add(key(target, path))) {
            reading.error(at, "'extends: " + reference + "' leads back to a file already extended: the files extend each other in a circle");
            return Optional.empty();
        }
        Optional<SourceFile> file = source.read(target, path);
        if (file.isEmpty()) {
            reading.error(at, "'extends: " + reference + "': " + target + " has no " + path
                    + " on its default branch (or the App is not installed there)");
            return Optional.empty();
        }
        return read(named(target, file.get()), Optional.of(target), reading, visited, depth + 1);
    }

    private static Optional<YamlNode> parse(SourceFile file, ConfigReading reading) {
        if (file.content().length > ConfigLoader.MAX_BYTES) {
            reading.error(new Position(file.path(), 1, 1), "the file is " + file.content().length
                    + " bytes; a configuration may have at most " + ConfigLoader.MAX_BYTES);
            return Optional.empty();
        }
        String text = new String(file.content(), StandardCharsets.UTF_8);
        try {
            return YamlNode.read(file.path(), text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (YamlNode.SyntaxError e) {
            reading.error(e.at(), e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The extending file's entries, then the extended file's entries it does not set; at the top
     * level, a key both files map ({@code rules}, {@code checklist}) merges one level down.
     */
    private static Mapping merge(Mapping parent, Mapping own, boolean topLevel) {
        var entries = new ArrayList<Entry>();
        for (Entry entry : own.entries()) {
            Optional<Entry> inherited = parent.entries().stream().filter(p -> p.key().equals(entry.key())).findFirst();
            if (topLevel && inherited.isPresent() && inherited.get().value() instanceof Mapping base
                    && entry.value() instanceof Mapping mine) {
                entries.add(new Entry(entry.key(), entry.keyAt(), merge(base, mine, false)));
            } else {
                entries.add(entry);
            }
        }
        parent.entries().stream().filter(p -> own.entries().stream().noneMatch(e -> e.key().equals(p.key())))
                .forEach(entries::add);
        return new Mapping(entries, own.at());
    }

    private static SourceFile named(String repository, SourceFile file) {
        return new SourceFile(repository + ":" + file.path(), file.content());
    }

    private static String owner(String repository) {
        return repository.substring(0, repository.indexOf('/'));
    }

    private static String key(String repository, String path) {
        return (repository + ":" + path).toLowerCase(Locale.ROOT);
    }
}

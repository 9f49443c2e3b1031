package dev.migrationreview.cli;

import dev.migrationreview.config.ConfigLoader;
import dev.migrationreview.config.ConfigResult;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.discovery.SourceFile;
import dev.migrationreview.rule.RuleCatalog;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.snapshot.PullRequestSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Collectors;

/** The configuration a command runs with: the file named on the command line, else the base branch's. */
final class ConfigFiles {

    private ConfigFiles() {}

    static ConfigResult load(Optional<Path> configFile, PullRequestSnapshot snapshot, RuleCatalog catalog) {
        var loader = ConfigLoader.checkingRuleIds(catalog.docs().stream().map(RuleDoc::id).collect(Collectors.toSet()));
        Optional<SourceFile> file = configFile.isPresent() ? Optional.of(read(configFile.get())) : snapshot.baseConfig();
        return file.map(f -> loader.load(f.path(), f.content())).orElseGet(() -> new ConfigResult.Loaded(ReviewConfig.defaults()));
    }

    private static SourceFile read(Path path) {
        try {
            return new SourceFile(path.toString(), Files.readAllBytes(path));
        } catch (IOException e) {
            throw new UserError("cannot read the configuration file " + path + ": " + e.getMessage());
        }
    }
}

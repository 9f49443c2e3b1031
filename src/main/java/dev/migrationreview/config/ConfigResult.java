package dev.migrationreview.config;

import java.util.List;

/**
 * The outcome of reading a configuration file: the config, or every error found in it. A broken
 * file must not stop the review: callers review with {@link #effective()} and {@link #policy()},
 * and report the errors.
 */
public sealed interface ConfigResult permits ConfigResult.Loaded, ConfigResult.Invalid {

    /** The engine settings to review with: the file's when valid, otherwise the defaults. */
    ReviewConfig effective();

    /** The policy to evaluate: the file's when valid, otherwise the defaults. */
    PolicyConfig policy();

    /** Who may use the slash commands: the file's when valid, otherwise the defaults. */
    CommandConfig commands();

    /** The database proof settings: the file's when valid, otherwise the defaults (proofs on request). */
    ProofConfig proof();

    List<ConfigError> errors();

    record Loaded(ReviewConfig config, PolicyConfig policy, CommandConfig commands, ProofConfig proof) implements ConfigResult {
        /** A file with engine settings only. */
        public Loaded(ReviewConfig config) {
            this(config, PolicyConfig.defaults());
        }

        /** A file without {@code commands:} and {@code proof:} sections. */
        public Loaded(ReviewConfig config, PolicyConfig policy) {
            this(config, policy, CommandConfig.DEFAULTS, ProofConfig.defaults());
        }

        @Override
        public ReviewConfig effective() {
            return config;
        }

        @Override
        public List<ConfigError> errors() {
            return List.of();
        }
    }

    record Invalid(List<ConfigError> errors) implements ConfigResult {
        public Invalid {
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("an invalid config has at least one error");
            }
            errors = List.copyOf(errors);
        }

        @Override
        public ReviewConfig effective() {
            return ReviewConfig.defaults();
        }

        @Override
        public PolicyConfig policy() {
            return PolicyConfig.defaults();
        }

        @Override
        public ProofConfig proof() {
            return ProofConfig.defaults();
        }

        @Override
        public CommandConfig commands() {
            return CommandConfig.DEFAULTS;
        }
    }
}

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

    List<ConfigError> errors();

    record Loaded(ReviewConfig config, PolicyConfig policy, CommandConfig commands) implements ConfigResult {
        /** A file with engine settings only. */
        public Loaded(ReviewConfig config) {
            this(config, PolicyConfig.defaults());
        }

        /** A file without a {@code commands:} section. */
        public Loaded(ReviewConfig config, PolicyConfig policy) {
            this(config, policy, CommandConfig.DEFAULTS);
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
        public CommandConfig commands() {
            return CommandConfig.DEFAULTS;
        }
    }
}

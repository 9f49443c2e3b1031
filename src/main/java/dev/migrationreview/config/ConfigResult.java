package dev.migrationreview.config;

import java.util.List;

/**
 * The outcome of reading a configuration file: the config, or every error found in it. A broken
 * file must not stop the review: callers review with {@link #effective()} and report the errors.
 */
public sealed interface ConfigResult permits ConfigResult.Loaded, ConfigResult.Invalid {

    /** The config to review with: the file's when valid, otherwise the defaults. */
    ReviewConfig effective();

    List<ConfigError> errors();

    record Loaded(ReviewConfig config) implements ConfigResult {
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
    }
}

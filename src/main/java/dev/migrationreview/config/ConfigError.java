package dev.migrationreview.config;

/** One problem in a configuration file, at a 1-based line and column. */
public record ConfigError(String file, int line, int column, String message) {

    /** {@code .github/migration-review.yml:7:3: unknown key 'rulez' (did you mean 'rules'?)} */
    public String render() {
        return file + ":" + line + ":" + column + ": " + message;
    }

    @Override
    public String toString() {
        return render();
    }
}

package dev.migrationreview.review;

import dev.migrationreview.discovery.PathDiscovery;
import dev.migrationreview.frontend.BuiltInFrontends;
import dev.migrationreview.rule.RuleCatalog;

/** The engine as it ships: path-based discovery, every built-in frontend and every built-in rule. */
public final class Engines {

    private Engines() {}

    public static ReviewEngine standard() {
        return new ReviewEngine(new PathDiscovery(), BuiltInFrontends.all(), RuleCatalog.builtIn().rules());
    }
}

package dev.migrationreview.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FrameworkNamesTest {

    @Test
    void everyFrameworkHasAConfigName() {
        for (Framework framework : Framework.values()) {
            String name = framework.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            assertThat(FrameworkNames.isKnown(name)).as(name).isTrue();
            assertThat(FrameworkNames.resolve(framework.name(), "x.sql")).as(name).isPresent();
        }
    }

    @Test
    void familiesResolveByExtensionAndSpellingIsForgiving() {
        assertThat(FrameworkNames.resolve("Liquibase", "db/changelog.yml")).contains(Framework.LIQUIBASE_YAML);
        assertThat(FrameworkNames.resolve("liquibase", "db/changelog.xml")).contains(Framework.LIQUIBASE_XML);
        assertThat(FrameworkNames.resolve("liquibase", "db/changelog.sql")).contains(Framework.LIQUIBASE_SQL);
        assertThat(FrameworkNames.resolve("flyway", "db/V1__x.kt")).contains(Framework.FLYWAY_JAVA);
        assertThat(FrameworkNames.resolve("flyway", "db/V1__x.sql")).contains(Framework.FLYWAY);
        assertThat(FrameworkNames.resolve("GOLANG_MIGRATE", "x.up.sql")).contains(Framework.GOLANG_MIGRATE);
        assertThat(FrameworkNames.resolve("knex", "x.js")).isEmpty();
        assertThat(FrameworkNames.isKnown("knex")).isFalse();
    }
}

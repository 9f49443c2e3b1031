package dev.migrationreview.frontend.liquibase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.discovery.DatabaseKind;
import org.junit.jupiter.api.Test;

class DatabaseFilterTest {

    @Test
    void dbmsListsAdmitTheDatabasesTheyNameAndNotTheOnesTheyExclude() {
        assertThat(DatabaseFilter.dbmsAdmits("postgresql", DatabaseKind.POSTGRESQL)).isTrue();
        assertThat(DatabaseFilter.dbmsAdmits("mysql, mariadb", DatabaseKind.POSTGRESQL)).isFalse();
        assertThat(DatabaseFilter.dbmsAdmits("mysql, mariadb", DatabaseKind.MARIADB)).isTrue();
        assertThat(DatabaseFilter.dbmsAdmits("!h2", DatabaseKind.POSTGRESQL)).isTrue();
        assertThat(DatabaseFilter.dbmsAdmits("!postgresql", DatabaseKind.POSTGRESQL)).isFalse();
        assertThat(DatabaseFilter.dbmsAdmits("all", DatabaseKind.MYSQL)).isTrue();
        assertThat(DatabaseFilter.dbmsAdmits("none", DatabaseKind.MYSQL)).isFalse();
        assertThat(DatabaseFilter.dbmsAdmits("hsqldb", DatabaseKind.POSTGRESQL)).isFalse();
        assertThat(DatabaseFilter.dbmsAdmits("mysql", DatabaseKind.UNKNOWN)).isTrue();
    }

    @Test
    void contextsJudgeOnlyTheNamesThatAreDatabases() {
        assertThat(DatabaseFilter.contextAdmits("postgresql", DatabaseKind.POSTGRESQL)).contains(true);
        assertThat(DatabaseFilter.contextAdmits("mysql", DatabaseKind.POSTGRESQL)).contains(false);
        assertThat(DatabaseFilter.contextAdmits("mysql, postgresql", DatabaseKind.POSTGRESQL)).contains(true);
        assertThat(DatabaseFilter.contextAdmits("tenant_db and mysql", DatabaseKind.POSTGRESQL)).contains(false);
        assertThat(DatabaseFilter.contextAdmits("tenant_db AND !mysql", DatabaseKind.POSTGRESQL)).contains(true);
        assertThat(DatabaseFilter.contextAdmits("mysql or test", DatabaseKind.POSTGRESQL)).contains(true);
        assertThat(DatabaseFilter.contextAdmits("tenant_db AND !initial_switch", DatabaseKind.POSTGRESQL)).isEmpty();
        assertThat(DatabaseFilter.contextAdmits("(mysql or h2) and test", DatabaseKind.POSTGRESQL)).isEmpty();
        assertThat(DatabaseFilter.contextAdmits("mysql", DatabaseKind.UNKNOWN)).contains(true);
    }
}

package dev.migrationreview.frontend;

import dev.migrationreview.frontend.alembic.AlembicFrontend;
import dev.migrationreview.frontend.django.DjangoFrontend;
import dev.migrationreview.frontend.java.FlywayJavaFrontend;
import dev.migrationreview.frontend.liquibase.LiquibaseFrontend;
import dev.migrationreview.frontend.rails.RailsFrontend;
import dev.migrationreview.frontend.sql.SqlFrontend;
import java.util.List;

/** Every frontend the engine ships, one line each. */
public final class BuiltInFrontends {

    private BuiltInFrontends() {}

    public static Frontends all() {
        var sql = new SqlFrontend();
        return new Frontends(List.of(
                sql,
                new LiquibaseFrontend(sql),
                new FlywayJavaFrontend(sql),
                new AlembicFrontend(sql),
                new DjangoFrontend(sql),
                new RailsFrontend(sql)));
    }
}

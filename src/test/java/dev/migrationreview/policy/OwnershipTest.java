package dev.migrationreview.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.config.PolicyConfig.Area;
import dev.migrationreview.config.PolicyConfig.Changes;
import dev.migrationreview.config.PolicyConfig.Profile;
import dev.migrationreview.discovery.InMemoryFileTree;
import dev.migrationreview.operation.TableRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OwnershipTest {

    private static Area area(String name, List<String> tables, List<String> paths) {
        return new Area(name, tables, paths, List.of("owner"), Optional.empty(), Profile.WARM, Changes.ANY);
    }

    @Test
    void tableGlobsMatchNamesInAnySchemaOrQualifiedNamesWithPublicAsTheDefaultSchema() {
        assertThat(TableGlob.compile("invoice_*").matches(TableRef.of("invoice_lines"))).isTrue();
        assertThat(TableGlob.compile("invoice_*").matches(TableRef.of("billing", "invoice_lines"))).isTrue();
        assertThat(TableGlob.compile("invoice_*").matches(TableRef.of("invoices"))).isFalse();
        assertThat(TableGlob.compile("billing.*").matches(TableRef.of("billing", "events"))).isTrue();
        assertThat(TableGlob.compile("billing.*").matches(TableRef.of("events"))).isFalse();
        assertThat(TableGlob.compile("public.users").matches(TableRef.of("users"))).isTrue();
        assertThat(TableGlob.compile("public.users").matches(TableRef.of("auth", "users"))).isFalse();
        assertThat(TableGlob.compile("{billing,ledger}.*").matches(TableRef.of("ledger", "entries"))).isTrue();
        assertThat(TableGlob.compile("Users").matches(TableRef.parse("\"USERS\""))).isTrue();
    }

    @Test
    void theFirstAreaThatMatchesOwnsATableOrAPath() {
        var ownership = new Ownership(List.of(
                area("billing", List.of("billing.*", "invoices"), List.of("services/billing/**")),
                area("everything", List.of("*"), List.of("db/**"))));
        assertThat(ownership.configured()).isTrue();
        assertThat(ownership.ofTable(TableRef.of("billing", "events"))).map(Area::name).contains("billing");
        assertThat(ownership.ofTable(TableRef.of("users"))).map(Area::name).contains("everything");
        assertThat(ownership.ofPath("services/billing/db/V1__x.sql")).map(Area::name).contains("billing");
        assertThat(ownership.ofPath("db/V2__y.sql")).map(Area::name).contains("everything");
        assertThat(ownership.ofPath("docs/readme.md")).isEmpty();
        assertThat(new Ownership(List.of()).configured()).isFalse();
    }

    @Test
    void codeownersLastMatchingLineWinsAndFoldersCoverWhatIsUnderThem() {
        var codeowners = Codeowners.parse("CODEOWNERS", """
                # default owners
                *                   @acme/everyone
                /db/migrate         @acme/dba alice
                *.sql               @sql-people
                docs/               docs@example.com
                /db/migrate/legacy/
                services/\\#hash/    @hash
                """);
        assertThat(codeowners.ownerOf("README.md")).map(Codeowners.Rule::owners).contains(List.of("@acme/everyone"));
        assertThat(codeowners.ownerOf("db/migrate/20240101_add.rb")).map(Codeowners.Rule::owners)
                .contains(List.of("@acme/dba", "alice"));
        assertThat(codeowners.ownerOf("db/migrate/001.sql")).map(Codeowners.Rule::pattern).contains("*.sql");
        assertThat(codeowners.ownerOf("site/docs/intro.md")).map(Codeowners.Rule::owners).contains(List.of("docs@example.com"));
        assertThat(codeowners.ownerOf("db/migrate/legacy/old.rb")).as("a line without owners unowns").isEmpty();
        assertThat(codeowners.ownerOf("services/#hash/x.go")).map(Codeowners.Rule::owners).contains(List.of("hash"));
        assertThat(codeowners.ownerOf("db/migrate/001.sql").orElseThrow().describe()).isEqualTo("CODEOWNERS line 4 (*.sql)");
    }

    @Test
    void codeownersIsReadFromGitHubsLocationsAndBadLinesAreSkipped() {
        var base = InMemoryFileTree.of(Map.of("docs/CODEOWNERS", "db/{x @a\n*.sql @b\n", "CODEOWNERS", "* @root\n"));
        assertThat(Codeowners.read(base).ownerOf("a.sql")).map(Codeowners.Rule::file).contains("CODEOWNERS");
        var docsOnly = Codeowners.read(InMemoryFileTree.of(Map.of("docs/CODEOWNERS", "db/{x @a\n*.sql @b\n")));
        assertThat(docsOnly.ownerOf("a.sql")).map(Codeowners.Rule::owners).contains(List.of("b"));
        assertThat(docsOnly.problems()).containsExactly("docs/CODEOWNERS line 1: pattern 'db/{x' '{' is never closed; the line is skipped");
        assertThat(Codeowners.read(InMemoryFileTree.of(Map.of())).ownerOf("a.sql")).isEmpty();
    }

    @Test
    void ownersMatchLoginsAndTeamMembersAskingTeamsOnlyWhenNeeded() {
        var asked = new java.util.ArrayList<String>();
        TeamDirectory teams = (org, team, login) -> {
            asked.add(org + "/" + team + ":" + login);
            return team.equals("dba") && login.equals("carol");
        };
        var matcher = new OwnerMatcher(teams);
        assertThat(matcher.isOwner(List.of("@acme/dba", "Alice"), "alice")).isTrue();
        assertThat(asked).isEmpty();
        assertThat(matcher.isOwner(List.of("@acme/dba", "alice"), "carol")).isTrue();
        assertThat(matcher.isOwner(List.of("@acme/dba", "carol@example.com"), "dave")).isFalse();
        assertThat(asked).containsExactly("acme/dba:carol", "acme/dba:dave");
        assertThat(OwnerMatcher.describe(List.of("alice", "@acme/dba", "x@example.com")))
                .isEqualTo("@alice, a member of @acme/dba or x@example.com");
    }
}

package dev.migrationreview.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationreview.command.Authorisation.Permit;
import dev.migrationreview.config.ConfigLoader;
import dev.migrationreview.config.ConfigResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who may run which command, from a real configuration file and answers of GitHub's people APIs. */
class AuthorisationTest {

    static final String CONFIG = """
            areas:
              - name: billing
                tables: ["billing.*"]
                owners: [bea, "@acme/payments"]
              - name: catalog
                tables: ["products", "prices"]
                owners: [carl]
            senior_reviewers: ["@acme/dba"]
            """;

    /** GitHub as a table; every question is recorded, to show what each decision asked. */
    static final class FakePeople implements People {
        final Map<String, RepositoryRole> roles;
        final Set<String> teams;
        final List<String> asked = new ArrayList<>();

        FakePeople(Map<String, RepositoryRole> roles, Set<String> teams) {
            this.roles = roles;
            this.teams = teams;
        }

        @Override
        public RepositoryRole role(String login) {
            asked.add("role " + login);
            return roles.getOrDefault(login, RepositoryRole.NONE);
        }

        @Override
        public boolean isTeamMember(String organisation, String team, String login) {
            asked.add("team " + organisation + "/" + team + " " + login);
            return teams.contains(organisation + "/" + team + " " + login);
        }
    }

    final FakePeople people = new FakePeople(
            Map.of("wendy", RepositoryRole.WRITE, "rita", RepositoryRole.READ, "tess", RepositoryRole.TRIAGE,
                    "max", RepositoryRole.MAINTAIN),
            Set.of("acme/payments pat", "acme/dba dora"));

    Authorisation authorisation(String config, String author) {
        ConfigResult loaded = ConfigLoader.acceptingAnyRuleId().load(".github/migration-review.yml", config);
        assertThat(loaded.errors()).isEmpty();
        return new Authorisation(() -> CommandRules.of(loaded), people, author);
    }

    Authorisation authorisation() {
        return authorisation(CONFIG, "olivia");
    }

    @Test
    void approveCoversTheAreasTheCommenterOwnsByLoginOrTeam() {
        assertThat(authorisation().decide(new Command.Approve(List.of()), "bea")).isEqualTo(new Permit.Granted(List.of("billing")));
        assertThat(authorisation().decide(new Command.Approve(List.of("Billing")), "pat"))
                .isEqualTo(new Permit.Granted(List.of("billing")));
        assertThat(people.asked).containsExactly("team acme/payments pat");
    }

    @Test
    void approveOfAnAreaSomeoneElseOwnsIsRefusedNamingItsOwners() {
        assertThat(authorisation().decide(new Command.Approve(List.of("catalog")), "bea"))
                .isEqualTo(new Permit.Refused("you do not own the area 'catalog'", "@carl for catalog"));
        assertThat(authorisation().decide(new Command.Approve(List.of("ledger")), "bea")).isInstanceOfSatisfying(
                Permit.Refused.class, r -> assertThat(r.why()).isEqualTo("there is no area 'ledger' (areas: billing, catalog)"));
        assertThat(authorisation().decide(new Command.Approve(List.of()), "wendy")).isEqualTo(new Permit.Refused(
                "you own no schema area",
                "the owners of each area: billing: @bea or a member of @acme/payments; catalog: @carl"));
    }

    @Test
    void theAuthorCannotApproveTheirOwnPullRequestUnlessTheConfigAllows() {
        assertThat(authorisation(CONFIG, "bea").decide(new Command.Approve(List.of()), "BEA"))
                .isInstanceOfSatisfying(Permit.Refused.class, r -> assertThat(r.why()).contains("you opened this pull request"));
        String allowing = CONFIG + "approvals:\n  author_may_approve: true\n";
        assertThat(authorisation(allowing, "bea").decide(new Command.Approve(List.of()), "bea"))
                .isEqualTo(new Permit.Granted(List.of("billing")));
    }

    @Test
    void withoutAreasNobodyApprovesByCommand() {
        assertThat(authorisation("senior_reviewers: [sam]\n", "olivia").decide(new Command.Approve(List.of()), "sam"))
                .isInstanceOfSatisfying(Permit.Refused.class, r -> assertThat(r.why()).contains("names no schema areas"));
    }

    @Test
    void overridesAreForSeniorReviewersAndTheOverrideTeam() {
        var override = new Command.Override("drop-column", Optional.empty(), "unused");
        assertThat(authorisation().decide(override, "dora")).isEqualTo(new Permit.Granted(List.of()));
        assertThat(authorisation().decide(override, "max"))
                .as("maintaining the repository is not being a senior reviewer")
                .isEqualTo(new Permit.Refused("you are not a senior reviewer", "a member of @acme/dba"));
        var withTeam = authorisation(CONFIG + "commands:\n  override: [\"@acme/payments\"]\n", "olivia");
        assertThat(withTeam.decide(override, "pat")).isEqualTo(new Permit.Granted(List.of()));
        assertThat(withTeam.decide(override, "bea")).isEqualTo(new Permit.Refused("you are not a senior reviewer",
                "a member of @acme/dba or a member of @acme/payments"));
        assertThat(authorisation("areas: []\n", "olivia").decide(override, "dora")).isInstanceOfSatisfying(
                Permit.Refused.class, r -> assertThat(r.why()).isEqualTo("this repository names no senior reviewers or override team"));
    }

    @Test
    void holdNeedsWriteAccessByDefaultOrTheConfiguredHolders() {
        Authorisation byDefault = authorisation();
        assertThat(byDefault.decide(new Command.Hold(""), "wendy")).isEqualTo(new Permit.Granted(List.of()));
        assertThat(byDefault.decide(new Command.Unhold(), "max")).isEqualTo(new Permit.Granted(List.of()));
        assertThat(byDefault.decide(new Command.Hold(""), "rita")).isEqualTo(new Permit.Refused(
                "you do not have write access to this repository", "anyone with write access to this repository"));
        assertThat(byDefault.decide(new Command.Hold(""), "tess")).isInstanceOf(Permit.Refused.class);
        var release = authorisation(CONFIG + "commands:\n  hold: [\"@rita\"]\n", "olivia");
        assertThat(release.decide(new Command.Hold(""), "rita")).isEqualTo(new Permit.Granted(List.of()));
        assertThat(release.decide(new Command.Unhold(), "wendy")).isEqualTo(new Permit.Refused(
                "you are not among those the configuration lets hold", "@rita"));
    }

    @Test
    void recheckAndPlanAreForTheAuthorAndWritersAskingTheRoleOnce() {
        Authorisation decisions = authorisation(CONFIG, "rita");
        assertThat(decisions.decide(new Command.Recheck(), "rita")).isEqualTo(new Permit.Granted(List.of()));
        assertThat(decisions.decide(new Command.Plan(), "wendy")).isEqualTo(new Permit.Granted(List.of()));
        assertThat(decisions.decide(new Command.Recheck(), "wendy")).isEqualTo(new Permit.Granted(List.of()));
        assertThat(decisions.decide(new Command.Recheck(), "tess")).isInstanceOf(Permit.Refused.class);
        assertThat(people.asked).containsExactly("role wendy", "role tess");
    }

    @Test
    void helpExplainAndUnapproveNeedNoLookUpAndTheConfigIsNotEvenRead() {
        var untouched = new Authorisation(() -> {
            throw new AssertionError("the configuration was read");
        }, people, "olivia");
        assertThat(untouched.decide(new Command.Help(), "anyone")).isEqualTo(new Permit.Granted(List.of()));
        assertThat(untouched.decide(new Command.Explain("drop-column"), "anyone")).isEqualTo(new Permit.Granted(List.of()));
        assertThat(untouched.decide(new Command.Unapprove(List.of()), "anyone")).isEqualTo(new Permit.Granted(List.of()));
        assertThat(people.asked).isEmpty();
    }

    @Test
    void aFailingLookUpIsThrownNotTakenAsARefusal() {
        People down = new People() {
            @Override
            public RepositoryRole role(String login) throws IOException {
                throw new IOException("GET /repos/o/r/collaborators/x/permission answered 502");
            }

            @Override
            public boolean isTeamMember(String organisation, String team, String login) throws IOException {
                throw new IOException("GET /orgs/acme/teams/dba/memberships/x answered 502");
            }
        };
        ConfigResult loaded = ConfigLoader.acceptingAnyRuleId().load(".github/migration-review.yml", CONFIG);
        var authorisation = new Authorisation(() -> CommandRules.of(loaded.policy()), down, "olivia");
        assertThatThrownBy(() -> authorisation.decide(new Command.Hold(""), "x")).isInstanceOf(UncheckedIOException.class);
        assertThatThrownBy(() -> authorisation.decide(new Command.Override("drop-column", Optional.empty(), "r"), "x"))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("memberships");
    }

    @Test
    void aMistakeInTheCommandsSectionIsAConfigErrorWithItsLine() {
        ConfigResult loaded = ConfigLoader.acceptingAnyRuleId().load(".github/migration-review.yml",
                CONFIG + "commands:\n  hold: [\"release managers\"]\n  overide: [sam]\n");
        assertThat(loaded.errors()).extracting(e -> e.line() + ": " + e.message()).containsExactly(
                "10: 'commands.hold': 'release managers' is neither a GitHub login (alice) nor a team (@org/team)",
                "11: unknown key 'commands.overide' (did you mean 'commands.override'?)");
        assertThat(loaded.commands()).isEqualTo(dev.migrationreview.config.CommandConfig.DEFAULTS);
    }

    @Test
    void rolesAreReadFromRoleNameFirst() {
        assertThat(RepositoryRole.fromGitHub("maintain", "write")).isEqualTo(RepositoryRole.MAINTAIN);
        assertThat(RepositoryRole.fromGitHub("triage", "read")).isEqualTo(RepositoryRole.TRIAGE);
        assertThat(RepositoryRole.fromGitHub("", "write")).isEqualTo(RepositoryRole.WRITE);
        assertThat(RepositoryRole.fromGitHub(null, "none")).isEqualTo(RepositoryRole.NONE);
        assertThat(RepositoryRole.fromGitHub("custom-auditor", "read")).isEqualTo(RepositoryRole.READ);
        assertThat(RepositoryRole.fromGitHub("custom-auditor", "surprise")).isEqualTo(RepositoryRole.NONE);
    }
}

package dev.migrationreview.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A repository names a proof server; the bot connects only to hosts the operator allowed, matched
 * whole, and gives the driver a URL it rebuilt, so nothing in the repository's URL can send the
 * driver (and the operator's credentials) elsewhere.
 */
class StagingServerUrlTest {

    private static final Set<String> ALLOWED = Set.of("allowed.example.com", "::1", "10.0.0.7");

    @Test
    void aPlainUrlIsReadIntoItsParts() {
        assertThat(StagingServerUrl.parse("jdbc:postgresql://allowed.example.com:6543/snapshot?sslmode=verify-full"))
                .isEqualTo(new StagingServerUrl("allowed.example.com", 6543, "snapshot", Optional.of("verify-full")));
        assertThat(StagingServerUrl.parse("jdbc:postgresql://allowed.example.com/snapshot"))
                .isEqualTo(new StagingServerUrl("allowed.example.com", 5432, "snapshot", Optional.empty()));
    }

    @Test
    void hostsAreComparedWholeAfterNormalisingCaseTrailingDotsAndIpv6Spellings() {
        assertThat(hostOf("jdbc:postgresql://ALLOWED.Example.COM/snapshot")).isEqualTo("allowed.example.com");
        assertThat(hostOf("jdbc:postgresql://allowed.example.com./snapshot")).isEqualTo("allowed.example.com");
        assertThat(hostOf("jdbc:postgresql://[::1]:5432/snapshot")).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(hostOf("jdbc:postgresql://[0:0:0:0:0:0:0:1]/snapshot")).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(StagingServerUrl.normalizeHost("[::1]")).isEqualTo(StagingServerUrl.normalizeHost("::1"));

        for (String accepted : new String[] {"jdbc:postgresql://Allowed.Example.Com./snapshot", "jdbc:postgresql://[::1]/snapshot",
                "jdbc:postgresql://[0:0:0:0:0:0:0:1]:5433/snapshot", "jdbc:postgresql://10.0.0.7/snapshot"}) {
            assertThat(ProofServer.configured(accepted, new Properties(), ALLOWED)).as(accepted).isNotNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:postgresql://allowed.example.com.evil.net/snapshot",
            "jdbc:postgresql://evil.net/allowed.example.com",
            "jdbc:postgresql://notallowed.example.com/snapshot",
            "jdbc:postgresql://example.com/snapshot",
            "jdbc:postgresql://10.0.0.70/snapshot",
            "jdbc:postgresql://[::2]/snapshot"})
    void otherHostsAreRefusedHoweverAlikeTheyLook(String url) {
        assertThatThrownBy(() -> ProofServer.configured(url, new Properties(), ALLOWED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not in the operator's allowed list");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // The driver would read its host from the parameters, not from the address checked.
            "jdbc:postgresql://allowed.example.com/snapshot?PGHOST=evil.net",
            "jdbc:postgresql://allowed.example.com/snapshot?sslmode=require&PGHOST=evil.net",
            "jdbc:postgresql://allowed.example.com/snapshot?socketFactory=org.example.Evil",
            "jdbc:postgresql://allowed.example.com/snapshot?sslkey=/etc/ssl/private/server.key",
            // Several hosts, a fragment, user information, escapes: the driver and URI disagree on the host.
            "jdbc:postgresql://allowed.example.com,evil.net/snapshot",
            "jdbc:postgresql://evil.net#allowed.example.com/snapshot",
            "jdbc:postgresql://allowed@evil.net/snapshot",
            "jdbc:postgresql://evil.net@allowed.example.com/snapshot",
            "jdbc:postgresql://allowed.example.com%2eevil.net/snapshot",
            "jdbc:postgresql://allowed.example.com:5432:6543/snapshot",
            "jdbc:postgresql://[fe80::1%25eth0]/snapshot",
            "jdbc:postgresql://allowed.example.com/snap/shot",
            "jdbc:postgresql://allowed.example.com",
            "jdbc:mysql://allowed.example.com/snapshot"})
    void urlsThatCouldLeadTheDriverElsewhereAreRefusedWhole(String url) {
        assertThatThrownBy(() -> ProofServer.configured(url, new Properties(), Set.of("allowed.example.com", "evil.net")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("the proof server URL");
    }

    @Test
    void credentialsComeFromTheOperatorAndAreNeverRepeated() {
        assertThatThrownBy(() -> StagingServerUrl.parse("jdbc:postgresql://review:hunter2hunter2@allowed.example.com/snapshot"))
                .hasMessageContaining("MIGRATION_REVIEW_PROOF_USER").hasMessageNotContaining("hunter2hunter2");
        assertThatThrownBy(() -> StagingServerUrl.parse("jdbc:postgresql://allowed.example.com/snapshot?user=review&password=hunter2hunter2"))
                .hasMessageContaining("only ?sslmode=").hasMessageNotContaining("hunter2hunter2");
    }

    @Test
    void theDriverIsGivenTheRebuiltUrl() {
        var url = StagingServerUrl.parse("jdbc:postgresql://Allowed.Example.Com.:6543/snapshot?sslmode=require");
        assertThat(url.jdbcUrl("proof_1")).isEqualTo("jdbc:postgresql://allowed.example.com:6543/proof_1?sslmode=require");
        assertThat(StagingServerUrl.parse("jdbc:postgresql://[::1]/snapshot").jdbcUrl("snapshot"))
                .isEqualTo("jdbc:postgresql://[0:0:0:0:0:0:0:1]:5432/snapshot");
    }

    @Test
    void anOperatorsListEntryThatIsNoHostIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new ProofService(java.nio.file.Path.of("unused"), Set.of("staging.example.com/db"),
                new dev.migrationreview.discovery.PathDiscovery(), dev.migrationreview.frontend.BuiltInFrontends.all()))
                .hasMessageContaining("MIGRATION_REVIEW_PROOF_HOSTS");
    }

    private static String hostOf(String url) {
        return StagingServerUrl.parse(url).host();
    }
}

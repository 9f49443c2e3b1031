package dev.migrationreview.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jsonwebtoken.Jwts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** App keys in GitHub's download format (PKCS#1) and in PKCS#8, and the JWTs signed with them. */
class PrivateKeysTest {

    static String resource(String name) throws IOException {
        try (InputStream in = PrivateKeysTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static PublicKey publicKey() throws Exception {
        String pem = resource("app-key.public.pem").replaceAll("-----[A-Z ]+-----", "");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder().decode(pem)));
    }

    @Test
    void pkcs1AndPkcs8FormsOfOneKeyReadAsTheSameKey() throws IOException {
        var pkcs1 = PrivateKeys.parse(resource("app-key.pkcs1.pem"));
        var pkcs8 = PrivateKeys.parse(resource("app-key.pkcs8.pem"));
        assertThat(pkcs1.getEncoded()).isEqualTo(pkcs8.getEncoded());
        assertThat(PrivateKeys.parse(resource("app-key.pkcs1.pem").replace("\n", "\r\n")).getEncoded())
                .as("Windows line ends").isEqualTo(pkcs8.getEncoded());
    }

    @Test
    void theAppJwtIsSignedWithTheKeyAndNamesTheApp() throws Exception {
        var jwt = new AppJwt(AppCredentials.fromPem(4711, resource("app-key.pkcs1.pem")), Clock.systemUTC());
        String token = jwt.token();
        assertThat(jwt.token()).as("reused while fresh").isEqualTo(token);
        var claims = Jwts.parser().verifyWith(publicKey()).build().parseSignedClaims(token);
        assertThat(claims.getHeader().getAlgorithm()).isEqualTo("RS256");
        assertThat(claims.getPayload().getIssuer()).isEqualTo("4711");
        long lifetime = claims.getPayload().getExpiration().getTime() - claims.getPayload().getIssuedAt().getTime();
        assertThat(Duration.ofMillis(lifetime)).as("GitHub accepts at most ten minutes").isLessThanOrEqualTo(Duration.ofMinutes(10));
        assertThat(claims.getPayload().getIssuedAt()).as("backdated for clock drift").isBefore(new java.util.Date());
    }

    @Test
    void unreadableKeysFailWithoutRevealingTheKey() throws IOException {
        String pem = resource("app-key.pkcs1.pem");
        String body = pem.lines().skip(3).findFirst().orElseThrow();
        assertThatThrownBy(() -> PrivateKeys.parse(pem.replace(body, "!!!" + body.substring(3))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining(body.substring(3, 20));
        assertThatThrownBy(() -> PrivateKeys.parse("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"))
                .hasMessageContaining("CERTIFICATE");
        assertThatThrownBy(() -> PrivateKeys.parse("ghp_notAKeyAtAll")).hasMessageContaining("no PEM");
        assertThatThrownBy(() -> PrivateKeys.parse(pem.substring(0, pem.indexOf("-----END")))).hasMessageContaining("missing");
        String truncated = pem.substring(0, 200) + "\n-----END RSA PRIVATE KEY-----\n";
        assertThatThrownBy(() -> PrivateKeys.parse(truncated)).hasMessageContaining("not a valid RSA key")
                .hasMessageNotContaining(pem.substring(40, 80));
        assertThat(AppCredentials.fromPem(1, pem).toString()).doesNotContain(body);
    }
}

package dev.migrationreview.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RedactionTest {

    @Test
    void rememberedSecretsAreMaskedAlsoWhenEscapedForJson() {
        Redaction.remember("hunter2-but-longer");
        Redaction.remember("quote\"inside-secret");

        assertThat(Redaction.redact("connecting with hunter2-but-longer failed")).isEqualTo("connecting with *** failed");
        assertThat(Redaction.redact("{\"message\":\"quote\\\"inside-secret\"}")).isEqualTo("{\"message\":\"***\"}");
    }

    @Test
    void shortValuesAreNotRememberedSinceMaskingThemWouldMangleEverything() {
        Redaction.remember("abc");
        assertThat(Redaction.redact("abc abc")).isEqualTo("abc abc");
    }

    static Stream<Arguments> credentialShapedText() {
        return Stream.of(
                Arguments.of("POST failed with ghs_16C7e42F292c6912E7710c838347Ae178B4a for installation 1",
                        "POST failed with *** for installation 1"),
                Arguments.of("token github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz", "token ***"),
                Arguments.of("jwt eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiI0NzExIn0.c2lnbmF0dXJlLWJ5dGVz", "jwt ***"),
                Arguments.of("Authorization: token abcdef0123456789 sent", "Authorization: *** sent"),
                Arguments.of("{\"Authorization\":\"Bearer abc.def\"}", "{\"Authorization\":\"***\"}"),
                Arguments.of("header Bearer abcdefghijkl", "header Bearer ***"),
                Arguments.of("key -----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\nq3Zx==\n-----END RSA PRIVATE KEY----- end",
                        "key *** end"),
                Arguments.of("{\"pem\":\"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADAN\\n-----END PRIVATE KEY-----\"}",
                        "{\"pem\":\"***\"}"),
                Arguments.of("unsupported database URL: postgresql://review:s3cret@db.internal:5432/bot",
                        "unsupported database URL: postgresql://***@db.internal:5432/bot"),
                Arguments.of("jdbc:postgresql://review:s3cret@db/bot", "jdbc:postgresql://***@db/bot"),
                Arguments.of("jdbc:postgresql://db/bot?user=review&password=s3cret&ssl=true",
                        "jdbc:postgresql://db/bot?user=review&password=***&ssl=true"),
                Arguments.of("jdbc:sqlserver://db;user=sa;Password=s3cret;encrypt=true",
                        "jdbc:sqlserver://db;user=sa;Password=***;encrypt=true"),
                Arguments.of("GET https://raw.githubusercontent.com/o/r/main/V1.sql?token=AABBCCDD answered 404",
                        "GET https://raw.githubusercontent.com/o/r/main/V1.sql?token=*** answered 404"));
    }

    @ParameterizedTest
    @MethodSource("credentialShapedText")
    void credentialShapedTextIsMaskedWhoeverWroteItKeepingTheRestReadable(String text, String redacted) {
        assertThat(Redaction.redact(text)).isEqualTo(redacted);
    }

    @Test
    void ordinaryTextIsLeftAlone() {
        String sql = "UPDATE grants SET authorization = 'admin' WHERE token='x'; -- a bearer bond, CREATE USER app PASSWORD 'p'";
        assertThat(Redaction.redact(sql)).isEqualTo(sql);
        String text = "delivery 72d3162e (pull_request.opened) queued: review of Codertocat/Hello-World#2 at "
                + "34c5c7793cb3b279e22454cb6750c80560547b3a; GitHub returned no installation token for installation 1; "
                + "see https://github.com/o/r/pull/2";
        assertThat(Redaction.redact(text)).isEqualTo(text);
        assertThat(Redaction.redact(null)).isNull();
    }
}

package dev.migrationreview.server;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** One RSA key pair per test run, as an App private key in PEM (PKCS#8) and its public half. */
final class TestKeys {

    static final KeyPair PAIR = generate();
    static final String PKCS8_PEM = "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(PAIR.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";

    private TestKeys() {}

    private static KeyPair generate() {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.migrationreview.github;

import java.security.PrivateKey;
import java.util.Objects;

/** The App's id and private key, for JWTs. {@link #toString()} never shows the key. */
public record AppCredentials(long appId, PrivateKey privateKey) {

    public AppCredentials {
        Objects.requireNonNull(privateKey, "privateKey");
        if (appId <= 0) {
            throw new IllegalArgumentException("App id must be a positive number");
        }
    }

    public static AppCredentials fromPem(long appId, String pem) {
        return new AppCredentials(appId, PrivateKeys.parse(pem));
    }

    @Override
    public String toString() {
        return "AppCredentials[appId=" + appId + ", privateKey=***]";
    }
}

package dev.migrationreview.github;

import io.jsonwebtoken.Jwts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * The App's own JSON Web Token (RS256, issuer = App id), valid for nine minutes and reused until
 * a minute before it expires. Issued a minute in the past to absorb clock drift, as GitHub advises.
 */
final class AppJwt {

    private static final Duration LIFETIME = Duration.ofMinutes(9);
    private static final Duration BACKDATE = Duration.ofSeconds(60);

    private final AppCredentials credentials;
    private final Clock clock;
    private String token;
    private Instant expiresAt = Instant.MIN;

    AppJwt(AppCredentials credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
    }

    synchronized String token() {
        Instant now = clock.instant();
        if (token == null || now.isAfter(expiresAt.minus(Duration.ofMinutes(1)))) {
            expiresAt = now.plus(LIFETIME);
            token = Jwts.builder()
                    .issuer(Long.toString(credentials.appId()))
                    .issuedAt(Date.from(now.minus(BACKDATE)))
                    .expiration(Date.from(expiresAt))
                    .signWith(credentials.privateKey(), Jwts.SIG.RS256)
                    .compact();
        }
        return token;
    }
}

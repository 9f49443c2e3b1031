package dev.migrationreview.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Blob ids and the team membership cache. */
class LookupsTest {

    @Test
    void blobIdsAreGitsOwn() {
        // `git hash-object` of an empty file and of "hello\n"
        assertThat(GitBlobs.id(new byte[0])).isEqualTo("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
        assertThat(GitBlobs.id("hello\n".getBytes(StandardCharsets.UTF_8))).isEqualTo("ce013625030ba8dba906f756967f9e9ca394464a");
    }

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void membershipsAreRememberedForTheirLifetimeAndFailuresAreNot() {
        var calls = new AtomicInteger();
        var clock = new ManualClock();
        TeamDirectory directory = (org, team, login) -> {
            calls.incrementAndGet();
            if (login.equals("flaky")) {
                throw new IllegalStateException("rate limited");
            }
            return login.equals("carol");
        };
        var cached = new CachingTeamDirectory(directory, Duration.ofMinutes(10), 2, clock);

        assertThat(cached.isMember("acme", "dba", "carol")).isTrue();
        assertThat(cached.isMember("ACME", "DBA", "Carol")).isTrue();
        assertThat(cached.isMember("acme", "dba", "dave")).isFalse();
        assertThat(calls).hasValue(2);
        assertThatThrownBy(() -> cached.isMember("acme", "dba", "flaky")).hasMessage("rate limited");
        assertThatThrownBy(() -> cached.isMember("acme", "dba", "flaky")).hasMessage("rate limited");
        assertThat(calls).hasValue(4);

        clock.now = clock.now.plus(Duration.ofMinutes(11));
        assertThat(cached.isMember("acme", "dba", "carol")).isTrue();
        assertThat(calls).as("expired answers are asked again").hasValue(5);

        cached.isMember("acme", "dba", "erin");
        cached.isMember("acme", "dba", "frank");
        cached.isMember("acme", "dba", "carol");
        assertThat(calls).as("the least recently used answer made room").hasValue(8);
        assertThatThrownBy(() -> new CachingTeamDirectory(directory, Duration.ofMinutes(1), 0, clock))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

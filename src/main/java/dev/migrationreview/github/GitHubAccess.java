package dev.migrationreview.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import okhttp3.Cache;
import okhttp3.OkHttpClient;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.authorization.AuthorizationProvider;
import org.kohsuke.github.extras.okhttp3.OkHttpGitHubConnector;

/**
 * The only door to GitHub. Builds, per installation, a github-api client over OkHttp with the
 * HTTP cache (reads are revalidated, so unchanged answers come back as free 304s), the rate-limit
 * guard, write pacing and call counting; and issues the App's JWT and installation tokens.
 * Without App credentials it gives anonymous access (local mode).
 */
public final class GitHubAccess implements AutoCloseable {

    private final GitHubSettings settings;
    private final Clock clock;
    private final Lazy<OkHttpClient> base;
    private final ApiCalls calls;
    private final AtomicReference<Optional<App>> app = new AtomicReference<>(Optional.empty());
    private final ConcurrentHashMap<Long, InstallationClient> installations = new ConcurrentHashMap<>();
    private final Lazy<InstallationClient> anonymous;
    private final CommitCache commitCache = new CommitCache(4096, 256);

    private record App(AppCredentials credentials, AppJwt jwt, GitHubRest rest, InstallationTokens tokens) {}

    private final WriteSlots writeSlots;

    /** Access for one process: write pacing is kept in memory. */
    public GitHubAccess(GitHubSettings settings, Optional<AppCredentials> credentials, MeterRegistry metrics, Clock clock) {
        this(settings, credentials, WriteSlots.inMemory(clock), metrics, clock);
    }

    /** @param writeSlots where installations' write slots are kept; shared by replicas on one store */
    public GitHubAccess(GitHubSettings settings, Optional<AppCredentials> credentials, WriteSlots writeSlots,
                        MeterRegistry metrics, Clock clock) {
        this.settings = settings;
        this.writeSlots = writeSlots;
        this.clock = clock;
        this.calls = new ApiCalls(metrics);
        // Built on first use: creating the TLS context costs a noticeable part of start-up.
        this.base = new Lazy<>(() -> {
            var apiHostOnly = new ApiHostOnly(settings.apiUrl());
            var builder = new OkHttpClient.Builder()
                    .connectTimeout(settings.timeout())
                    .readTimeout(settings.timeout())
                    .writeTimeout(settings.timeout())
                    .addInterceptor(apiHostOnly)
                    .addInterceptor(new ReadRetry())
                    .addNetworkInterceptor(apiHostOnly)
                    .addNetworkInterceptor(calls);
            settings.cacheDir().ifPresent(dir -> builder.cache(new Cache(dir.toFile(), settings.cacheBytes())));
            return builder.build();
        });
        this.anonymous = new Lazy<>(() -> client(guarded(), () -> Optional.empty(), true));
        credentials.ifPresent(this::useCredentials);
    }

    /** Switches to (new) App credentials, e.g. right after the manifest flow registered the App. */
    public void useCredentials(AppCredentials credentials) {
        AppJwt jwt = new AppJwt(credentials, clock);
        var client = new Lazy<>(this::guarded);
        GitHubRest rest = new GitHubRest(client, settings.apiUrl(), () -> Optional.of("Bearer " + jwt.token()));
        app.set(Optional.of(new App(credentials, jwt, rest, new InstallationTokens(rest, clock))));
        installations.clear();
    }

    public boolean hasApp() {
        return app.get().isPresent();
    }

    public OptionalLong appId() {
        return app.get().map(a -> OptionalLong.of(a.credentials().appId())).orElse(OptionalLong.empty());
    }

    public GitHubSettings settings() {
        return settings;
    }

    /** Files and trees already read at a commit, shared by every review. */
    public CommitCache commitCache() {
        return commitCache;
    }

    public ApiCalls calls() {
        return calls;
    }

    /** GitHub as installation {@code installationId}; requires App credentials. */
    public InstallationClient installation(long installationId) {
        App current = app.get().orElseThrow(() -> new IllegalStateException("no GitHub App credentials configured"));
        return installations.computeIfAbsent(installationId, id -> {
            OkHttpClient client = base.get().newBuilder()
                    // The guard outside the pacer: a write retried after a limit takes a new slot.
                    .addInterceptor(new RateLimitGuard(clock, settings.maxInlineWait(),
                            until -> writeSlots.pauseUntil(id, until)))
                    .addInterceptor(new WritePacer(id, writeSlots, settings.writeInterval(), clock))
                    .addInterceptor(chain -> {
                        var response = chain.proceed(chain.request());
                        if (response.code() == 401) {
                            // A revoked or expired token: the next attempt fetches a new one.
                            current.tokens().invalidate(id);
                        }
                        return response;
                    })
                    .build();
            return client(client, () -> Optional.of("token " + current.tokens().token(id)), false);
        });
    }

    /**
     * GitHub as the App itself, with its JWT: what belongs to the App rather than to one
     * installation (its webhook deliveries, its installations). Requires App credentials.
     */
    public GitHubRest app() {
        return app.get().orElseThrow(() -> new IllegalStateException("no GitHub App credentials configured")).rest();
    }

    /** GitHub without credentials: public repositories only, 60 requests an hour (local mode). */
    public InstallationClient anonymous() {
        return anonymous.get();
    }

    /** Finds the installation that covers {@code repository} ("owner/name"), for payloads that lack it. */
    public long installationIdFor(String repository) throws IOException {
        App current = app.get().orElseThrow(() -> new IllegalStateException("no GitHub App credentials configured"));
        JsonNode installation = current.rest().get("/repos/" + repository + "/installation");
        if (!installation.path("id").canConvertToLong()) {
            throw new IOException("GitHub did not name the installation of " + repository);
        }
        return installation.path("id").asLong();
    }

    /**
     * Completes GitHub's App-manifest flow: exchanges the one-time code for the new App's id,
     * private key and webhook secret. The call needs no authentication.
     */
    public JsonNode convertManifest(String code) throws IOException {
        if (!code.matches("[A-Za-z0-9_-]{1,200}")) {
            throw new IOException("the manifest code from GitHub is malformed");
        }
        return new GitHubRest(this::guarded, settings.apiUrl(), Optional::empty)
                .post("/app-manifests/" + code + "/conversions", JsonNodeFactory.instance.objectNode());
    }

    private OkHttpClient guarded() {
        return base.get().newBuilder().addInterceptor(new RateLimitGuard(clock, settings.maxInlineWait())).build();
    }

    /** A value made on first use, and only then. */
    private static final class Lazy<T> implements Supplier<T> {
        private final Supplier<T> make;
        private T value;

        Lazy(Supplier<T> make) {
            this.make = make;
        }

        @Override
        public synchronized T get() {
            if (value == null) {
                value = make.get();
            }
            return value;
        }

        synchronized Optional<T> ifMade() {
            return Optional.ofNullable(value);
        }
    }

    private InstallationClient client(OkHttpClient client, GitHubRest.Authorization authorization, boolean anonymous) {
        AuthorizationProvider provider = () -> authorization.header().orElse(null);
        try {
            GitHub api = new GitHubBuilder()
                    .withEndpoint(settings.apiUrl())
                    .withConnector(new OkHttpGitHubConnector(client, 0))
                    .withAuthorizationProvider(provider)
                    // Limits are handled in RateLimitGuard, below github-api, for both kinds of calls.
                    .withRateLimitHandler(GitHubRateLimitHandler.FAIL)
                    .withAbuseLimitHandler(GitHubAbuseLimitHandler.FAIL)
                    .build();
            return new InstallationClient(api, new GitHubRest(() -> client, settings.apiUrl(), authorization), anonymous);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        base.ifMade().ifPresent(client -> {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
            if (client.cache() != null) {
                try {
                    client.cache().close();
                } catch (IOException e) {
                    // Closing a cache only flushes its journal; nothing is lost if that fails.
                }
            }
        });
    }
}

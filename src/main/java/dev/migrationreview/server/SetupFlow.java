package dev.migrationreview.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.migrationreview.github.GitHubAccess;
import dev.migrationreview.store.AppRegistrations.AppRegistration;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * GitHub's App-manifest flow: {@code /setup} posts {@code app-manifest.yml} (with this server's
 * addresses) to GitHub, GitHub creates the App and redirects to {@code /setup/callback} with a
 * one-time code, which is exchanged for the App's id, private key and webhook secret.
 */
final class SetupFlow {

    static final String MANIFEST_RESOURCE = "app-manifest.yml";
    private static final Duration STATE_LIFETIME = Duration.ofHours(1);
    private static final Pattern ORGANIZATION = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Supplier<String> publicUrl;
    private final GitHubAccess github;
    private final AdminToken adminToken;
    private final BooleanSupplier registered;
    private final Consumer<AppRegistration> onRegistered;
    private final Clock clock;
    private final Map<String, Long> states = new ConcurrentHashMap<>();

    SetupFlow(Supplier<String> publicUrl, GitHubAccess github, AdminToken adminToken, BooleanSupplier registered,
              Consumer<AppRegistration> onRegistered, Clock clock) {
        this.publicUrl = publicUrl;
        this.github = github;
        this.adminToken = adminToken;
        this.registered = registered;
        this.onRegistered = onRegistered;
        this.clock = clock;
    }

    void form(Context ctx) {
        Pages.secure(ctx);
        if (!allowed(ctx)) {
            return;
        }
        if (registered.getAsBoolean()) {
            ctx.html(Pages.page("migration-review setup", "<h1>Already set up</h1><p>This server already has GitHub "
                    + "App credentials. Install the App on repositories from its page on GitHub.</p>"));
            return;
        }
        String organization = ctx.queryParam("organization");
        if (organization != null && !ORGANIZATION.matcher(organization).matches()) {
            ctx.status(400).html(Pages.page("migration-review setup", "<p>That is not a GitHub organization name.</p>"));
            return;
        }
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        String state = HexFormat.of().formatHex(random);
        long now = clock.millis();
        states.entrySet().removeIf(entry -> entry.getValue() < now);
        states.put(state, now + STATE_LIFETIME.toMillis());
        String target = github.settings().webUrl()
                + (organization == null ? "/settings/apps/new" : "/organizations/" + organization + "/settings/apps/new")
                + "?state=" + state;
        String manifest = manifest(publicUrl.get()).toString();
        ctx.html(Pages.page("migration-review setup", "<h1>Register migration-review as a GitHub App</h1>"
                + "<p>GitHub will create an App " + (organization == null ? "on your account" : "for the organization <code>"
                + Pages.escape(organization) + "</code>") + " with the permissions and events from "
                + "<code>app-manifest.yml</code>, sending webhooks to <code>" + Pages.escape(publicUrl.get()) + "/webhook</code>.</p>"
                + "<form method=\"post\" action=\"" + Pages.escape(target) + "\">"
                + "<input type=\"hidden\" name=\"manifest\" value=\"" + Pages.escape(manifest) + "\">"
                + "<button type=\"submit\">Create the GitHub App</button></form>"
                + "<p>For an organization, open <code>/setup?organization=NAME</code>.</p>"));
    }

    void callback(Context ctx) {
        Pages.secure(ctx);
        String state = ctx.queryParam("state");
        Long expires = state == null ? null : states.remove(state);
        if (expires == null || expires < clock.millis()) {
            ctx.status(400).html(Pages.page("migration-review setup", "<h1>Setup expired</h1><p>Start again from "
                    + "<a href=\"/setup\">/setup</a>.</p>"));
            return;
        }
        String code = ctx.queryParam("code");
        JsonNode app;
        try {
            app = github.convertManifest(code == null ? "" : code);
        } catch (IOException e) {
            ctx.status(502).html(Pages.page("migration-review setup", "<h1>GitHub did not complete the setup</h1><p>"
                    + Pages.escape(e.getMessage()) + "</p><p>Start again from <a href=\"/setup\">/setup</a>.</p>"));
            return;
        }
        var registration = new AppRegistration(app.path("id").asLong(), app.path("slug").asText(),
                app.path("html_url").asText(), app.path("pem").asText(), app.path("webhook_secret").asText());
        if (registration.appId() <= 0 || registration.privateKeyPem().isBlank() || registration.webhookSecret().isBlank()) {
            ctx.status(502).html(Pages.page("migration-review setup",
                    "<h1>GitHub's answer lacked the App id, key or webhook secret</h1>"));
            return;
        }
        onRegistered.accept(registration);
        String install = registration.htmlUrl() + "/installations/new";
        ctx.html(Pages.page("migration-review is registered", "<h1>GitHub App created</h1><p>The App <code>"
                + Pages.escape(registration.slug()) + "</code> (id " + registration.appId() + ") is registered and this "
                + "server now uses its credentials.</p><p><a href=\"" + Pages.escape(install) + "\">Install it on your "
                + "repositories</a>.</p>"));
    }

    /** With an admin token configured, the browser asks for it (HTTP Basic: any user name, the token as password). */
    private boolean allowed(Context ctx) {
        if (!adminToken.configured() || adminToken.presentedIn(ctx)) {
            return true;
        }
        ctx.header("WWW-Authenticate", "Basic realm=\"migration-review setup\", charset=\"UTF-8\"");
        ctx.status(401).html(Pages.page("migration-review setup", "<p>Setting up needs the admin token: sign in with any "
                + "user name and the token as the password.</p>"));
        return false;
    }

    /** The manifest from {@code app-manifest.yml}, pointed at this server. */
    static ObjectNode manifest(String publicUrl) {
        try (InputStream in = SetupFlow.class.getResourceAsStream(MANIFEST_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(MANIFEST_RESOURCE + " is missing from the build");
            }
            ObjectNode manifest = (ObjectNode) new YAMLMapper().readTree(in);
            ObjectNode hook = manifest.withObjectProperty("hook_attributes");
            hook.put("url", publicUrl + "/webhook");
            manifest.put("redirect_url", publicUrl + "/setup/callback");
            return manifest;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

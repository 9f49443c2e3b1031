package dev.migrationreview.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code /admin} route, GET and POST, known or not, needs the admin token in the
 * {@code Authorization} header; without a configured token none of them exists.
 */
class AdminAccessTest {

    private static final String TOKEN = "admin-token";
    /** Every admin route the server has, and two it does not. */
    private static final List<String> ROUTES = List.of("GET /admin/deliveries", "GET /admin/deliveries?status=parked",
            "POST /admin/deliveries/some-delivery/retry", "POST /admin/reconcile", "POST /admin/sweep",
            "GET /admin", "DELETE /admin/deliveries");

    @Test
    void everyAdminRouteRefusesAMissingWrongOrQueryStringToken(@TempDir Path data) {
        try (var github = new GitHubFake(); var bot = BotHarness.start(BotHarness.settings(github, data, false))) {
            for (String route : ROUTES) {
                assertThat(send(bot, route, Optional.empty()).statusCode()).as(route + " without a token").isEqualTo(401);
                assertThat(send(bot, route, Optional.of("Bearer wrong-token")).statusCode()).as(route + " wrong").isEqualTo(401);
                assertThat(send(bot, route, Optional.of("Bearer " + TOKEN + "x")).statusCode()).as(route + " longer").isEqualTo(401);
                assertThat(send(bot, route, Optional.of(TOKEN)).statusCode()).as(route + " without a scheme").isEqualTo(401);
                String withQuery = route + (route.contains("?") ? "&" : "?") + "token=" + TOKEN;
                assertThat(send(bot, withQuery, Optional.empty()).statusCode()).as(withQuery).isEqualTo(401);
                assertThat(send(bot, route, Optional.of("Bearer " + TOKEN)).statusCode()).as(route + " with the token")
                        .isNotEqualTo(401);
            }
            assertThat(send(bot, "GET /admin/deliveries", Optional.of("bearer " + TOKEN)).statusCode()).isEqualTo(200);
            assertThat(send(bot, "GET /admin/deliveries", Optional.of(basic("operator", TOKEN))).statusCode()).isEqualTo(200);
            assertThat(send(bot, "POST /admin/reconcile", Optional.of("Bearer " + TOKEN)).statusCode())
                    .as("known, but nothing to heal in local mode").isEqualTo(409);
            assertThat(send(bot, "GET /admin", Optional.of("Bearer " + TOKEN)).statusCode()).isEqualTo(404);
            var refused = send(bot, "GET /admin/deliveries", Optional.empty());
            assertThat(refused.headers().firstValue("WWW-Authenticate")).contains("Bearer");
            assertThat(refused.body()).doesNotContain(TOKEN);
        }
    }

    @Test
    void withoutAnAdminTokenNoAdminRouteExists(@TempDir Path data) {
        try (var github = new GitHubFake()) {
            ServerSettings withToken = BotHarness.settings(github, data, false);
            var settings = new ServerSettings(withToken.host(), withToken.port(), withToken.publicUrl(), withToken.webhookSecret(),
                    Optional.empty(), withToken.dataDir(), withToken.database(), withToken.github(), withToken.app(),
                    withToken.workers(), withToken.commandPrefix(), withToken.retention(), withToken.healing());
            try (var bot = BotHarness.start(settings)) {
                for (String route : ROUTES) {
                    var answer = send(bot, route, Optional.of("Bearer " + TOKEN));
                    assertThat(answer.statusCode()).as(route).isEqualTo(404);
                    assertThat(answer.body()).contains("admin endpoints are disabled");
                }
            }
        }
    }

    private static HttpResponse<String> send(BotHarness bot, String route, Optional<String> authorization) {
        String[] methodAndPath = route.split(" ", 2);
        var request = HttpRequest.newBuilder(URI.create(bot.url(methodAndPath[1])))
                .method(methodAndPath[0], HttpRequest.BodyPublishers.noBody());
        authorization.ifPresent(value -> request.header("Authorization", value));
        return bot.send(request.build());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}

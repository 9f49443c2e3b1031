package dev.migrationreview.github;

import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Refuses every request that would leave the GitHub API the operator configured (scheme, host
 * and port): the App's credentials go nowhere else, whatever address a webhook payload, an API
 * answer ({@code url}, {@code download_url}, a {@code Link} header) or a redirect names. Installed
 * both before OkHttp's redirect handling (so a foreign host is never even connected to) and on
 * the network (so a redirect cannot lead there either).
 */
final class ApiHostOnly implements Interceptor {

    private final HttpUrl api;

    ApiHostOnly(String apiUrl) {
        this.api = HttpUrl.get(apiUrl);
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        HttpUrl target = chain.request().url();
        if (!target.scheme().equals(api.scheme()) || !target.host().equals(api.host()) || target.port() != api.port()) {
            throw new RequestOutsideApiException("refusing to send a request to " + target.scheme() + "://" + target.host() + ":"
                    + target.port() + ": only the configured GitHub API (" + api.host() + ") is contacted");
        }
        return chain.proceed(chain.request());
    }
}

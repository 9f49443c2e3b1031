package dev.migrationreview.github;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.concurrent.atomic.LongAdder;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Counts every request that reaches GitHub (a network interceptor: answers served from the HTTP
 * cache without a request are not calls). A 304 is counted apart: conditional reads answered
 * "not modified" do not spend the rate limit.
 */
public final class ApiCalls implements Interceptor {

    private final MeterRegistry metrics;
    private final LongAdder rateLimited = new LongAdder();
    private final LongAdder notModified = new LongAdder();

    public ApiCalls(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        String method = chain.request().method();
        Response response;
        try {
            response = chain.proceed(chain.request());
        } catch (IOException e) {
            count(method, "error");
            throw e;
        }
        count(method, Integer.toString(response.code()));
        if (response.code() == 304) {
            notModified.increment();
        } else {
            rateLimited.increment();
        }
        return response;
    }

    private void count(String method, String status) {
        Counter.builder("migration_review_github_calls")
                .description("requests sent to the GitHub API (status 304 does not count against the rate limit)")
                .tag("method", method).tag("status", status)
                .register(metrics).increment();
    }

    /** Calls that count against the rate limit so far (every answer but 304). */
    public long countedCalls() {
        return rateLimited.sum();
    }

    /** Conditional reads answered 304 so far. */
    public long notModifiedCalls() {
        return notModified.sum();
    }
}

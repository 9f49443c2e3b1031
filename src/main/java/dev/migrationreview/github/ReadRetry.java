package dev.migrationreview.github;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Set;
import okhttp3.Interceptor;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tries a read again when GitHub answered it with a server error (500, 502, 503, 504) or the
 * network failed: such failures pass within a second or two, and one failed read would otherwise
 * fail the whole review and send it to the back of the queue. Writes are never repeated here: a
 * write GitHub answered with an error may still have taken effect, so the review decides what to
 * do about it (it looks for what it wrote before it writes again).
 */
final class ReadRetry implements Interceptor {

    private static final Logger LOG = LoggerFactory.getLogger(ReadRetry.class);
    private static final Set<String> READS = Set.of("GET", "HEAD");
    private static final Set<Integer> SERVER_ERRORS = Set.of(500, 502, 503, 504);
    private static final long[] PAUSES_MILLIS = {250, 1000};

    @Override
    public Response intercept(Chain chain) throws IOException {
        if (!READS.contains(chain.request().method())) {
            return chain.proceed(chain.request());
        }
        for (int retry = 0; ; retry++) {
            boolean last = retry == PAUSES_MILLIS.length;
            try {
                Response response = chain.proceed(chain.request());
                if (last || !SERVER_ERRORS.contains(response.code())) {
                    return response;
                }
                response.close();
                LOG.info("GitHub answered {} to GET {}; trying again", response.code(), chain.request().url().encodedPath());
            } catch (IOException e) {
                if (last || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                LOG.info("GET {} failed ({}); trying again", chain.request().url().encodedPath(), e.toString());
            }
            try {
                Thread.sleep(PAUSES_MILLIS[retry]);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted before trying a read again");
            }
        }
    }
}

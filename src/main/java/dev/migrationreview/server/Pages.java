package dev.migrationreview.server;

import dev.migrationreview.store.ReviewRun;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;

/** Small HTML pages of the bot itself (the review pages are rendered by the report's HtmlRenderer). */
final class Pages {

    private Pages() {}

    /** Headers for every page: no scripts, no framing, no leaking the review's address. */
    static void secure(Context ctx) {
        ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action https: http:; "
                + "frame-ancestors 'none'");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Robots-Tag", "noindex");
    }

    static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title>"
                + "<style>body{font:15px/1.5 -apple-system,Segoe UI,Helvetica,Arial,sans-serif;max-width:760px;"
                + "margin:40px auto;padding:0 16px;color:#1f2328}code{background:#f6f8fa;padding:0 4px}"
                + "button{font-size:15px;padding:6px 14px}</style></head><body>" + body + "</body></html>\n";
    }

    static String inProgress(ReviewRun run) {
        return page("Reviewing " + run.repository() + "#" + run.pullNumber(),
                "<h1>Review in progress</h1><p>migration-review is reviewing <code>" + escape(run.repository()) + "#"
                        + run.pullNumber() + "</code> at <code>" + escape(run.headSha()) + "</code>. "
                        + "Reload this page in a moment.</p>");
    }

    static String expired(ReviewRun run) {
        return page("Review of " + run.repository() + "#" + run.pullNumber(),
                "<h1>This report is no longer kept</h1><p>The review of <code>" + escape(run.repository()) + "#"
                        + run.pullNumber() + "</code> at <code>" + escape(run.headSha()) + "</code> ended "
                        + escape(run.conclusion().orElse("without a conclusion")) + ". Its full report was removed with "
                        + "the store's older records; ask for a new review with the check run's Re-run button.</p>");
    }

    static String index(boolean app, List<ReviewRun> recent) {
        var body = new StringBuilder("<h1>migration-review</h1>");
        if (app) {
            body.append("<p>Running as a GitHub App. Reviews appear on pull requests; each check run links to its full report.</p>");
            return page("migration-review", body.toString());
        }
        body.append("<p><strong>Local mode:</strong> no GitHub App credentials are configured, so reviews are shown here ")
                .append("instead of being posted. Send signed pull request webhooks to <code>/webhook</code>, or ")
                .append("<a href=\"/setup\">register a GitHub App</a>.</p><h2>Recent reviews</h2>");
        if (recent.isEmpty()) {
            body.append("<p>None yet.</p>");
        } else {
            body.append("<ul>");
            for (ReviewRun run : recent) {
                body.append("<li><a href=\"/reviews/").append(run.id()).append("\">").append(escape(run.repository()))
                        .append("#").append(run.pullNumber()).append(" at ").append(escape(run.headSha(), 7)).append("</a> · ")
                        .append(escape(run.title().orElse(run.state() == ReviewRun.State.RUNNING ? "in progress" : "")))
                        .append(" · ").append(Instant.ofEpochMilli(run.createdAt())).append("</li>");
            }
            body.append("</ul>");
        }
        return page("migration-review (local mode)", body.toString());
    }

    static String escape(String text, int max) {
        return escape(text.length() > max ? text.substring(0, max) : text);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}

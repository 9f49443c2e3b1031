package dev.migrationreview.redaction;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks credentials in text that leaves the process: log lines (the log encoder), HTTP answers (a
 * filter over every response) and error messages shown to people. Two kinds are masked:
 * <ul>
 *   <li>values the process knows are secret, remembered when they are read (the webhook secret, the
 *       admin token, database and proof server passwords); and</li>
 *   <li>anything shaped like a credential, whoever made it: GitHub tokens ({@code ghs_...}), JSON
 *       Web Tokens, PEM private keys, {@code Authorization} and {@code Bearer} values, passwords in
 *       URLs ({@code postgresql://user:password@host}) and in parameters ({@code password=...},
 *       {@code token=...}).</li>
 * </ul>
 * Masking is the last line of defence: code should not put secrets into messages in the first place.
 */
public final class Redaction {

    /** What a secret is replaced with. */
    public static final String MASK = "***";

    /**
     * Shorter values are not remembered: masking every occurrence of a short, common string would
     * mangle the text around it, and such a value is no secret anyway.
     */
    static final int MIN_REMEMBERED_LENGTH = 8;

    private static final Set<String> REMEMBERED = ConcurrentHashMap.newKeySet();

    /** Each pattern's first group, when it has one, is kept: it names what was masked. */
    private static final List<Pattern> CREDENTIAL_SHAPES = List.of(
            // A PEM private key, whole, also when a log line cut it short.
            Pattern.compile("-----BEGIN [A-Z ]{0,40}PRIVATE KEY-----[A-Za-z0-9+/=\\s\\\\n]*(?:-----END [A-Z ]{0,40}PRIVATE KEY-----)?"),
            // GitHub tokens: installation (ghs_), OAuth (gho_), user (ghu_), refresh (ghr_), personal (ghp_, github_pat_).
            Pattern.compile("\\b(?:gh[opsur]_[A-Za-z0-9]{20,255}|github_pat_[A-Za-z0-9_]{20,255})"),
            // A JSON Web Token (the App's JWT): base64url header, claims and signature.
            Pattern.compile("\\beyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*"),
            // An Authorization header's value, and a bearer token anywhere (the HTTP spelling, so that prose is left alone).
            Pattern.compile("(?i)(\\bauthorization\"?\\s*[:=]\\s*\"?)(?:bearer|token|basic)\\s+[^\"\\s,}]+"),
            Pattern.compile("(\\bBearer\\s+)[A-Za-z0-9._~+/=-]{8,}"),
            // user:password@ in any URL (postgresql://, jdbc:postgresql://, https://).
            Pattern.compile("(?i)(\\b[a-z][a-z0-9+.-]{0,30}://)[^/\\s:@\"']*:[^/\\s@\"']*(?=@)"),
            // password=..., token=... in JDBC URLs, query strings and connection strings.
            Pattern.compile("(?i)(\\b(?:password|passwd|pwd|sslpassword|secret|client_secret|token|access_token|"
                    + "refresh_token|private_key)=)[^&;\\s\"'<>]+"));

    private Redaction() {}

    /** Remembers a secret value, so that it is masked wherever it appears from now on. */
    public static void remember(String secret) {
        if (secret == null || secret.strip().length() < MIN_REMEMBERED_LENGTH) {
            return;
        }
        REMEMBERED.add(secret.strip());
        // In a JSON log line or answer the secret appears escaped ("a\"b" for a"b).
        REMEMBERED.add(new String(JsonStringEncoder.getInstance().quoteAsString(secret.strip())));
    }

    /** The text with every remembered secret and every credential-shaped part replaced by {@value #MASK}. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (String secret : REMEMBERED) {
            if (result.contains(secret)) {
                result = result.replace(secret, MASK);
            }
        }
        for (Pattern shape : CREDENTIAL_SHAPES) {
            Matcher matcher = shape.matcher(result);
            if (matcher.find()) {
                result = matcher.replaceAll(match -> Matcher.quoteReplacement(
                        (match.groupCount() > 0 && match.group(1) != null ? match.group(1) : "") + MASK));
            }
        }
        return result;
    }
}

package dev.migrationreview.proof;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A staging server's address as a repository's configuration names it:
 * {@code jdbc:postgresql://HOST[:PORT]/DATABASE[?sslmode=MODE]} and nothing more.
 *
 * <p>The URL is parsed here, strictly, and the driver is given one rebuilt from the parts, so the
 * host checked against the operator's list is the host the driver connects to. Handing the
 * repository's URL to the driver would not be safe: PgJDBC reads its own host out of parameters
 * ({@code ?PGHOST=elsewhere}), takes several hosts ({@code a,b}), and accepts parameters that
 * load classes or read files ({@code socketFactory}, {@code sslkey}). Credentials come from the
 * operator, never from the URL. Error messages name the host at most, never the URL.
 *
 * @param host     lower case, without a trailing dot; an IPv6 address without brackets, in its canonical form
 * @param sslMode  the one parameter a repository may set
 */
record StagingServerUrl(String host, int port, String database, Optional<String> sslMode) {

    static final String PREFIX = "jdbc:postgresql://";
    private static final int DEFAULT_PORT = 5432;
    private static final Pattern HOST_NAME = Pattern.compile("[a-z0-9_](?:[a-z0-9_-]{0,62})(?:\\.[a-z0-9_](?:[a-z0-9_-]{0,62}))*");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
    private static final Pattern DATABASE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_$.-]{0,62}");
    private static final Set<String> SSL_MODES = Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    /** Reads a repository's {@code proof.server_url}, or throws saying what is wrong with it (without repeating it). */
    static StagingServerUrl parse(String url) {
        if (!url.startsWith(PREFIX)) {
            throw new IllegalArgumentException("the proof server URL must be a jdbc:postgresql:// URL");
        }
        String rest = url.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("the proof server URL names no database (jdbc:postgresql://HOST[:PORT]/DATABASE)");
        }
        String authority = rest.substring(0, slash);
        String pathAndQuery = rest.substring(slash + 1);
        if (authority.contains("@")) {
            throw new IllegalArgumentException("the proof server URL must not carry a user or password: the operator's "
                    + "MIGRATION_REVIEW_PROOF_USER and MIGRATION_REVIEW_PROOF_PASSWORD are used");
        }
        String host;
        String port;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("the proof server URL has an unclosed IPv6 address");
            }
            host = authority.substring(0, close + 1);
            port = authority.substring(close + 1);
        } else {
            int colon = authority.indexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            port = colon < 0 ? "" : authority.substring(colon);
        }
        int portNumber = port(port);
        int question = pathAndQuery.indexOf('?');
        String database = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
        if (!DATABASE.matcher(database).matches()) {
            throw new IllegalArgumentException("the proof server URL must name one database of letters, digits and _ $ . -");
        }
        Optional<String> sslMode = question < 0 ? Optional.empty() : sslMode(pathAndQuery.substring(question + 1));
        return new StagingServerUrl(normalizeHost(host), portNumber, database, sslMode);
    }

    /**
     * A host as the operator's list and a repository's URL are compared: lower case, without one
     * trailing dot, an IPv6 address without brackets and in canonical form. Anything that is not a
     * plain host name or IP address (user information, several hosts, a fragment, percent
     * escapes, an IPv6 zone) is refused.
     */
    static String normalizeHost(String host) {
        String lower = host.strip().toLowerCase(Locale.ROOT);
        if (lower.startsWith("[") && lower.endsWith("]")) {
            lower = lower.substring(1, lower.length() - 1);
        }
        if (lower.contains(":")) {
            return canonicalIpv6(lower);
        }
        if (lower.endsWith(".")) {
            lower = lower.substring(0, lower.length() - 1);
        }
        if (lower.length() > 253 || !HOST_NAME.matcher(lower).matches()) {
            throw new IllegalArgumentException("the proof server URL's host must be a host name or an IP address");
        }
        return lower;
    }

    /** The URL the driver is given, for {@code database} on this server (the configured one is the template). */
    String jdbcUrl(String database) {
        String address = host.contains(":") ? "[" + host + "]" : host;
        return PREFIX + address + ":" + port + "/" + database + sslMode.map(mode -> "?sslmode=" + mode).orElse("");
    }

    private static String canonicalIpv6(String address) {
        // Only hexadecimal digits, colons and dots (an embedded IPv4 address): InetAddress then
        // parses a literal and never asks DNS.
        if (!address.matches("[0-9a-f:.]{2,45}")) {
            throw new IllegalArgumentException("the proof server URL's host is not a valid IPv6 address");
        }
        try {
            return InetAddress.getByName(address).getHostAddress().toLowerCase(Locale.ROOT);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("the proof server URL's host is not a valid IPv6 address");
        }
    }

    private static int port(String port) {
        if (port.isEmpty()) {
            return DEFAULT_PORT;
        }
        String digits = port.substring(1);
        if (!port.startsWith(":") || !PORT.matcher(digits).matches() || Integer.parseInt(digits) < 1
                || Integer.parseInt(digits) > 65535) {
            throw new IllegalArgumentException("the proof server URL's port must be a number from 1 to 65535");
        }
        return Integer.parseInt(digits);
    }

    private static Optional<String> sslMode(String query) {
        if (query.isEmpty()) {
            return Optional.empty();
        }
        if (!query.startsWith("sslmode=") || query.contains("&") || !SSL_MODES.contains(query.substring("sslmode=".length()))) {
            throw new IllegalArgumentException("the proof server URL may carry only ?sslmode= (one of "
                    + String.join(", ", SSL_MODES.stream().sorted().toList()) + "); other connection settings are the operator's");
        }
        return Optional.of(query.substring("sslmode=".length()));
    }
}

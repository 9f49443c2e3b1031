package dev.migrationreview.github;

import dev.migrationreview.discovery.SourceFile;
import dev.migrationreview.report.LineCommentRenderer;
import dev.migrationreview.rule.Finding;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns findings into review comments that GitHub will accept: each anchored on lines the diff
 * shows (the whole statement when one hunk shows it, else its last shown line, else no comment:
 * the check run's annotation still reports it), with a fingerprint of rule, file, message and the
 * flagged text, so re-reviewing the same content never posts the same comment twice.
 */
public final class LineComments {

    private static final String MARKER_PREFIX = "<!-- migration-review:finding ";
    private static final Pattern MARKER = Pattern.compile("<!-- migration-review:finding ([0-9a-f]{32}) -->");

    private final LineCommentRenderer renderer = new LineCommentRenderer();

    /**
     * A comment ready to send.
     *
     * @param startLine the first line of a multi-line comment; empty for a single line
     */
    public record LineComment(String path, Optional<Integer> startLine, int line, String body, String fingerprint) {}

    /**
     * Comments for {@code findings} that are anchorable and not in {@code alreadyPosted}.
     *
     * @param hunks    the diff of each changed file
     * @param contents head contents of the changed files, for fingerprints
     */
    public List<LineComment> comments(List<Finding> findings, Function<String, DiffHunks> hunks,
                                      List<SourceFile> contents, Set<String> alreadyPosted) {
        Map<String, String[]> lines = contents.stream().collect(Collectors.toMap(SourceFile::path,
                f -> new String(f.content(), StandardCharsets.UTF_8).split("\r?\n", -1), (a, b) -> a));
        var comments = new ArrayList<LineComment>();
        var seen = new java.util.HashSet<>(alreadyPosted);
        for (Finding finding : findings) {
            DiffHunks diff = hunks.apply(finding.path());
            String fingerprint = fingerprint(finding, lines.getOrDefault(finding.path(), new String[0]));
            if (!seen.add(fingerprint)) {
                continue;
            }
            int start = Math.max(1, finding.startLine());
            int end = Math.max(start, finding.endLine());
            if (diff.showsRange(start, end)) {
                String body = renderer.render(finding, true);
                comments.add(new LineComment(finding.path(), start == end ? Optional.empty() : Optional.of(start), end,
                        withMarker(body, fingerprint), fingerprint));
            } else {
                diff.lastShownIn(start, end).ifPresent(line -> comments.add(new LineComment(finding.path(),
                        Optional.empty(), line, withMarker(renderer.render(finding, false), fingerprint), fingerprint)));
            }
        }
        return comments;
    }

    /** Fingerprints found in comment bodies the bot posted earlier (when the store has no record). */
    public static Set<String> fingerprintsIn(List<String> bodies) {
        var fingerprints = new java.util.HashSet<String>();
        for (String body : bodies) {
            Matcher matcher = MARKER.matcher(body);
            while (matcher.find()) {
                fingerprints.add(matcher.group(1));
            }
        }
        return fingerprints;
    }

    private static String withMarker(String body, String fingerprint) {
        return MARKER_PREFIX + fingerprint + " -->\n" + body;
    }

    static String fingerprint(Finding finding, String[] fileLines) {
        var flagged = new StringBuilder();
        for (int line = Math.max(1, finding.startLine()); line <= Math.min(finding.endLine(), fileLines.length); line++) {
            flagged.append(fileLines[line - 1].strip().replaceAll("\\s+", " ")).append('\n');
        }
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            for (String part : List.of(finding.ruleId(), finding.path(), finding.message(), flagged.toString())) {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

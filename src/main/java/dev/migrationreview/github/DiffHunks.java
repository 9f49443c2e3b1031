package dev.migrationreview.github;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hunks of one file's unified diff as GitHub returns it in a pull request's file list. A line
 * comment may only sit on a line of the new side that appears in a hunk (added or context);
 * one anchor outside them makes GitHub reject the whole review, so every anchor is checked here.
 */
public final class DiffHunks {

    private static final Pattern HEADER = Pattern.compile("^@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@.*");

    /** One hunk: the new-side lines it shows, and which of them are additions. */
    private record Hunk(int oldStart, int oldCount, int newStart, int newCount, List<Integer> newLines,
                        List<String> added, boolean endsWithoutNewline) {}

    private final List<Hunk> hunks;

    private DiffHunks(List<Hunk> hunks) {
        this.hunks = List.copyOf(hunks);
    }

    public static DiffHunks none() {
        return new DiffHunks(List.of());
    }

    /** Parses a patch; text that is not a well-formed hunk is ignored (it anchors nothing). */
    public static DiffHunks parse(String patch) {
        var hunks = new ArrayList<Hunk>();
        String[] lines = patch.split("\n", -1);
        int i = 0;
        while (i < lines.length) {
            Matcher header = HEADER.matcher(lines[i]);
            if (!header.matches()) {
                i++;
                continue;
            }
            int oldStart = Integer.parseInt(header.group(1));
            int oldCount = header.group(2) == null ? 1 : Integer.parseInt(header.group(2));
            int newStart = Integer.parseInt(header.group(3));
            int newCount = header.group(4) == null ? 1 : Integer.parseInt(header.group(4));
            var newLines = new ArrayList<Integer>();
            var added = new ArrayList<String>();
            boolean noNewline = false;
            int newLine = newStart;
            int oldSeen = 0;
            i++;
            while (i < lines.length && (newLines.size() < newCount || oldSeen < oldCount || lines[i].startsWith("\\"))) {
                String line = lines[i];
                if (line.startsWith("+")) {
                    newLines.add(newLine++);
                    added.add(line.substring(1));
                } else if (line.startsWith("-")) {
                    oldSeen++;
                } else if (line.startsWith(" ") || line.isEmpty()) {
                    newLines.add(newLine++);
                    oldSeen++;
                } else if (line.startsWith("\\")) {
                    noNewline = true;
                } else {
                    break;
                }
                i++;
            }
            hunks.add(new Hunk(oldStart, oldCount, newStart, newCount, newLines, added, noNewline));
        }
        return new DiffHunks(hunks);
    }

    /** Whether {@code line} of the new file is shown in the diff (so a comment may sit on it). */
    public boolean shows(int line) {
        return hunks.stream().anyMatch(h -> h.newLines().contains(line));
    }

    /** Whether lines {@code start..end} of the new file are all shown in one hunk (a multi-line comment's range). */
    public boolean showsRange(int start, int end) {
        return hunks.stream().anyMatch(h -> h.newLines().contains(start) && h.newLines().contains(end)
                && h.newLines().indexOf(end) - h.newLines().indexOf(start) == end - start);
    }

    /** The last line of {@code start..end} that the diff shows, for a comment on part of a statement. */
    public Optional<Integer> lastShownIn(int start, int end) {
        for (int line = end; line >= start; line--) {
            if (shows(line)) {
                return Optional.of(line);
            }
        }
        return Optional.empty();
    }

    /**
     * The whole new file when the patch creates it (one hunk {@code -0,0 +1,n} of n additions), so
     * a new migration needs no contents request. Empty when the patch does not cover the file.
     */
    public Optional<String> createdFileContent() {
        if (hunks.size() != 1) {
            return Optional.empty();
        }
        Hunk hunk = hunks.getFirst();
        if (hunk.oldStart() != 0 || hunk.oldCount() != 0 || hunk.newStart() != 1
                || hunk.added().size() != hunk.newCount() || hunk.newLines().size() != hunk.newCount()) {
            return Optional.empty();
        }
        String text = String.join("\n", hunk.added());
        return Optional.of(hunk.endsWithoutNewline() || hunk.added().isEmpty() ? text : text + "\n");
    }
}

package dev.migrationreview.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A pull request description read as the shipped template writes it: Markdown headings open
 * sections; HTML comments (the template's hints) and unticked checkboxes are not the author's
 * words, a ticked checkbox is.
 */
final class PullRequestBody {

    private static final Pattern COMMENT = Pattern.compile("<!--.*?(-->|\\z)", Pattern.DOTALL);
    private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})[ \\t]+(.*?)[ \\t#]*$");
    private static final Pattern UNTICKED = Pattern.compile("^\\s*[-*+][ \\t]+\\[ ][ \\t]?.*$");
    private static final Pattern TICKED = Pattern.compile("^\\s*[-*+][ \\t]+\\[[xX]][ \\t]?(.*)$");
    /** "Workflow:" with nothing after it: a template label left empty. */
    private static final Pattern EMPTY_LABEL = Pattern.compile("^\\s*[-*]?\\s*[\\p{L}][\\p{L} _/-]{0,40}:\\s*$");

    record Section(String heading, String content) {}

    private final String text;
    private final List<Section> sections;

    private PullRequestBody(String text, List<Section> sections) {
        this.text = text;
        this.sections = List.copyOf(sections);
    }

    static PullRequestBody parse(String markdown) {
        String text = COMMENT.matcher(markdown.replace("\r\n", "\n")).replaceAll("");
        var sections = new ArrayList<Section>();
        String heading = null;
        var content = new StringBuilder();
        boolean fenced = false;
        for (String line : text.split("\n", -1)) {
            if (line.strip().startsWith("```") || line.strip().startsWith("~~~")) {
                fenced = !fenced;
            }
            var match = HEADING.matcher(line);
            if (!fenced && match.matches()) {
                if (heading != null) {
                    sections.add(new Section(heading, content.toString()));
                }
                heading = match.group(2).strip();
                content.setLength(0);
            } else if (heading != null) {
                content.append(line).append('\n');
            }
        }
        if (heading != null) {
            sections.add(new Section(heading, content.toString()));
        }
        return new PullRequestBody(text, sections);
    }

    /** The body without HTML comments. */
    String text() {
        return text;
    }

    /** The first section whose heading contains one of the words (case-insensitive) and that the author filled in. */
    Optional<Section> filledSection(List<String> words) {
        return sections.stream()
                .filter(s -> words.stream().anyMatch(w -> s.heading().toLowerCase(Locale.ROOT).contains(w)))
                .filter(PullRequestBody::filled)
                .findFirst();
    }

    /** Whether the author wrote something in a section: any line besides blanks, unticked boxes and empty labels. */
    static boolean filled(Section section) {
        for (String line : section.content().split("\n")) {
            if (line.isBlank() || UNTICKED.matcher(line).matches() || EMPTY_LABEL.matcher(line).matches()) {
                continue;
            }
            var ticked = TICKED.matcher(line);
            if (!ticked.matches() || !ticked.group(1).isBlank()) {
                return true;
            }
        }
        return false;
    }
}

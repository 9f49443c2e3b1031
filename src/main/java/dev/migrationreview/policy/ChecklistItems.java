package dev.migrationreview.policy;

import dev.migrationreview.config.PolicyConfig.Profile;
import dev.migrationreview.discovery.Direction;
import dev.migrationreview.discovery.FileTree;
import dev.migrationreview.discovery.SourceFile;
import dev.migrationreview.operation.ConstraintDef;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.policy.PolicyVerdict.ChecklistItem;
import dev.migrationreview.policy.PolicyVerdict.ChecklistItem.Status;
import dev.migrationreview.review.FileReview;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The checklist items read from the pull request's description and the change itself:
 * {@code workflow}, {@code rollback}, {@code query-plan} and {@code release-id} (the
 * {@code stages} item is {@link Stages}). Each predicate returns the item with what it found and,
 * when missing, how to fix it; the sections it reads are those of the shipped template
 * {@code .github/pull_request_template.md}.
 */
final class ChecklistItems {

    static final String WORKFLOW = "workflow";
    static final String ROLLBACK = "rollback";
    static final String QUERY_PLAN = "query-plan";
    static final String RELEASE_ID = "release-id";

    static final List<String> WORKFLOW_HEADINGS = List.of("workflow");
    static final List<String> ROLLBACK_HEADINGS = List.of("rollback", "roll back", "revert", "undo");

    /** Comments in SQL, shell-like and C-like languages: a down file holding only these is empty. */
    private static final Pattern COMMENTS = Pattern.compile("/\\*(?s:.*?)\\*/|(?:--|#|//)[^\\n]*");
    private static final Set<Direction> NEEDS_ROLLBACK = Set.of(Direction.UP, Direction.UP_AND_DOWN);

    private ChecklistItems() {}

    static ChecklistItem workflow(List<String> workflows, PullRequest pr, PullRequestBody body) {
        if (!workflows.isEmpty()) {
            String text = normalise(pr.title() + "\n" + body.text());
            Optional<String> named = workflows.stream().filter(w -> text.contains(normalise(w))).findFirst();
            if (named.isPresent()) {
                return new ChecklistItem(WORKFLOW, Status.SATISFIED, "names the workflow " + named.get(), Optional.empty());
            }
            return new ChecklistItem(WORKFLOW, Status.MISSING, "names none of the configured workflows",
                    Optional.of("Name the business workflow this change serves in the Workflow section, one of: "
                            + String.join(", ", workflows) + "."));
        }
        return body.filledSection(WORKFLOW_HEADINGS)
                .map(s -> new ChecklistItem(WORKFLOW, Status.SATISFIED, "the Workflow section names it", Optional.empty()))
                .orElseGet(() -> new ChecklistItem(WORKFLOW, Status.MISSING, "no workflow is named",
                        Optional.of("Fill in the Workflow section: which business workflow does this schema change serve?")));
    }

    static ChecklistItem rollback(SchemaChange change, FileTree head, PullRequestBody body) {
        List<String> without = new ArrayList<>();
        for (FileReview migration : change.migrations()) {
            if (NEEDS_ROLLBACK.contains(migration.file().direction()) && !hasRollback(migration, change, head)) {
                without.add(migration.file().path());
            }
        }
        if (without.isEmpty()) {
            return new ChecklistItem(ROLLBACK, Status.SATISFIED, "every migration has a down or undo migration", Optional.empty());
        }
        if (body.filledSection(ROLLBACK_HEADINGS).isPresent()) {
            return new ChecklistItem(ROLLBACK, Status.SATISFIED, "the Rollback section describes how to undo "
                    + String.join(", ", without), Optional.empty());
        }
        return new ChecklistItem(ROLLBACK, Status.MISSING, "no down migration for " + String.join(", ", without)
                + ", and no Rollback section",
                Optional.of("Add a down/undo migration that is not empty, or describe in the Rollback section how this "
                        + "change is undone (or why it is forward-only and how to recover)."));
    }

    /** A down section with a statement, or a paired down file that says more than comments. */
    private static boolean hasRollback(FileReview migration, SchemaChange change, FileTree head) {
        if (migration.parsed().map(p -> !p.rollback().isEmpty()).orElse(false)) {
            return true;
        }
        return migration.file().rollback().flatMap(path -> change.downFiles().stream()
                        .filter(d -> d.file().path().equals(path)).map(d -> d.file().source()).findFirst()
                        .or(() -> head.read(path)))
                .map(ChecklistItems::saysSomething).orElse(false);
    }

    private static boolean saysSomething(SourceFile file) {
        return !COMMENTS.matcher(new String(file.content(), StandardCharsets.UTF_8)).replaceAll("").isBlank();
    }

    /**
     * Required when indexes change (created, dropped, or built for a key) or a table of a hot area
     * is changed; satisfied by EXPLAIN output anywhere in the description.
     */
    static ChecklistItem queryPlan(SchemaChange change, Ownership ownership, PullRequestBody body) {
        List<String> reasons = new ArrayList<>();
        List<String> indexed = change.steps().stream().filter(s -> changesIndex(s.operation()))
                .map(SchemaChange.Step::where).distinct().toList();
        if (!indexed.isEmpty()) {
            reasons.add("indexes change (" + String.join(", ", indexed) + ")");
        }
        String hot = change.steps().stream().filter(s -> s.additivity().changesSchema() && !s.newTable())
                .flatMap(s -> s.operation().tables().stream())
                .filter(t -> ownership.ofTable(t).map(a -> a.profile() == Profile.HOT).orElse(false))
                .map(Object::toString).distinct().collect(Collectors.joining(", "));
        if (!hot.isEmpty()) {
            reasons.add("hot tables change (" + hot + ")");
        }
        if (reasons.isEmpty()) {
            return new ChecklistItem(QUERY_PLAN, Status.NOT_APPLICABLE, "no index changes and no hot table is touched",
                    Optional.empty());
        }
        String why = String.join(" and ", reasons);
        if (ExplainOutput.present(body.text())) {
            return new ChecklistItem(QUERY_PLAN, Status.SATISFIED, "EXPLAIN output is in the description; " + why,
                    Optional.empty());
        }
        return new ChecklistItem(QUERY_PLAN, Status.MISSING, why + ", and the description has no query plan",
                Optional.of("Paste the EXPLAIN (ANALYZE, BUFFERS) output of the queries this change affects into the "
                        + "Query plan section, in a code block."));
    }

    private static boolean changesIndex(Operation operation) {
        return switch (operation) {
            case Operation.CreateIndex index -> true;
            case Operation.DropIndex drop -> true;
            case Operation.AddConstraint add -> add.constraint().kind() == ConstraintDef.Kind.PRIMARY_KEY
                    || add.constraint().kind() == ConstraintDef.Kind.UNIQUE
                    || add.constraint().kind() == ConstraintDef.Kind.EXCLUSION;
            default -> false;
        };
    }

    static ChecklistItem releaseId(ReleaseId id, SchemaChange change, PullRequestBody body) {
        if (id.referencedIn(body.text())) {
            return new ChecklistItem(RELEASE_ID, Status.SATISFIED, "the description references " + id.stablePart(), Optional.empty());
        }
        Optional<String> inMigration = change.migrations().stream()
                .filter(m -> id.referencedIn(new String(m.file().source().content(), StandardCharsets.UTF_8)))
                .map(m -> m.file().path()).findFirst();
        return inMigration
                .map(path -> new ChecklistItem(RELEASE_ID, Status.SATISFIED, path + " references " + id.stablePart(), Optional.empty()))
                .orElseGet(() -> new ChecklistItem(RELEASE_ID, Status.MISSING, "neither the deploy notes nor a migration reference "
                        + id.stablePart(), Optional.of("Add the release id " + id.value() + " (or " + id.stablePart()
                        + ") to the Deploy notes section, so the rollout's logs, metrics and traces can be tagged with it.")));
    }

    /** Lower-case words separated by single spaces: "Billing-Events" and "billing events" compare equal. */
    private static String normalise(String text) {
        return " " + text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip() + " ";
    }
}

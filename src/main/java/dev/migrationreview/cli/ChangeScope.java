package dev.migrationreview.cli;

import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.review.FileReview;
import dev.migrationreview.review.ReviewEngine;
import dev.migrationreview.review.ReviewInput;
import dev.migrationreview.review.ReviewResult;
import dev.migrationreview.rule.Finding;
import dev.migrationreview.snapshot.PullRequestSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * What counts as one change: every file of the snapshot together (a pull request: a table created
 * in one file is new for the next), or each file on its own (linting a folder of migrations that
 * already ran, as squawk does: every table a file touches already holds rows).
 */
enum ChangeScope {
    WHOLE_SNAPSHOT, EACH_FILE;

    List<ReviewInput> inputs(PullRequestSnapshot snapshot, ReviewConfig config) {
        var tree = snapshot.headTree();
        return switch (this) {
            case WHOLE_SNAPSHOT -> List.of(new ReviewInput(snapshot.headContents(), tree, config));
            case EACH_FILE -> snapshot.headContents().stream().map(file -> new ReviewInput(List.of(file), tree, config)).toList();
        };
    }

    static ReviewResult review(ReviewEngine engine, List<ReviewInput> inputs) {
        if (inputs.size() == 1) {
            return engine.review(inputs.getFirst());
        }
        var files = new ArrayList<FileReview>();
        var findings = new ArrayList<Finding>();
        for (ReviewInput input : inputs) {
            ReviewResult result = engine.review(input);
            files.addAll(result.files());
            findings.addAll(result.findings());
        }
        return new ReviewResult(files, findings);
    }
}

package dev.migrationreview.policy;

import dev.migrationreview.config.ConfigError;
import dev.migrationreview.config.PolicyConfig;
import dev.migrationreview.config.PolicyConfig.AiProfile;
import dev.migrationreview.config.PolicyConfig.Area;
import dev.migrationreview.config.PolicyConfig.Changes;
import dev.migrationreview.config.PolicyConfig.OwnerApproval;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.discovery.SourceFile;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.operation.TableRef;
import dev.migrationreview.policy.PolicyVerdict.AreaApproval;
import dev.migrationreview.policy.PolicyVerdict.ChecklistItem;
import dev.migrationreview.policy.PolicyVerdict.ChecklistItem.Status;
import dev.migrationreview.policy.PolicyVerdict.Conclusion;
import dev.migrationreview.policy.PolicyVerdict.UnownedTable;
import dev.migrationreview.review.FileReview;
import dev.migrationreview.review.ReviewResult;
import dev.migrationreview.rule.Finding;
import dev.migrationreview.rule.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Evaluates a policy on a pull request and the engine's review of it, into one
 * {@link PolicyVerdict}: the only place where the check's conclusion is decided.
 *
 * <ul>
 *   <li>failure: the configuration is broken, a finding is an error, or (AI-authored, with
 *       {@code ai.warnings_fail}) a finding is a warning;</li>
 *   <li>action required: an approval or a checklist item is missing;</li>
 *   <li>neutral: warnings only; success otherwise.</li>
 * </ul>
 */
public final class PolicyEvaluator {

    private static final AiProfile NOT_AI = new AiProfile(false, false, false);

    private final PolicyConfig config;
    private final OwnerMatcher owners;
    private final BlobHistory history;
    private final String configPath;

    public PolicyEvaluator(PolicyConfig config, TeamDirectory teams, BlobHistory history) {
        this(config, teams, history, ReviewConfig.DEFAULT_PATH);
    }

    /** @param configPath where the configuration lives, to notice a pull request that edits it */
    public PolicyEvaluator(PolicyConfig config, TeamDirectory teams, BlobHistory history, String configPath) {
        this.config = config;
        this.owners = new OwnerMatcher(teams);
        this.history = history;
        this.configPath = configPath;
    }

    /** @param configErrors the problems of the configuration file (the policy is then the defaults) */
    public PolicyVerdict evaluate(PullRequest pr, ReviewResult review, List<ConfigError> configErrors) {
        var notes = new ArrayList<String>();
        AiAuthorship ai = AiAuthorship.detect(config.ai(), pr);
        AiProfile strict = ai.detected() ? config.ai().profile() : NOT_AI;
        SchemaChange change = SchemaChange.of(review);
        Ownership ownership = new Ownership(config.areas());
        boolean editsConfig = pr.changedPaths().contains(configPath);
        Codeowners codeowners = config.codeownersFallback() || editsConfig ? Codeowners.read(pr.base()) : Codeowners.NONE;
        notes.addAll(codeowners.problems());
        TableSizes sizes = TableSizes.load(config.tableSizes(), pr.base(), notes);

        var findings = new ArrayList<>(HotTables.adjust(review.findings(), change, ownership, sizes));
        List<UnownedTable> unowned = unownedTables(change, ownership, findings);
        findings.addAll(new NamingConventions(config.conventions()).check(change));
        Optional<ReleaseId> releaseId = change.isEmpty() ? Optional.empty()
                : Optional.of(ReleaseId.of(pr.repository(), pr.number(), pr.headSha()));
        List<ChecklistItem> checklist = releaseId.map(id -> checklist(pr, change, ownership, strict, id, findings))
                .orElse(List.of());
        var ledger = ApprovalLedger.of(pr, guardedBlobs(pr, change, editsConfig), history,
                config.approvals().authorMayApprove());
        var approvals = new ArrayList<AreaApproval>();
        approvals.addAll(areaApprovals(change, ownership, codeowners, ledger, strict));
        if (editsConfig) {
            approvals.add(configApproval(codeowners, ledger));
        }
        findings.sort(ReviewResult.ORDER);
        var reasons = new ArrayList<String>();
        Conclusion conclusion = conclude(configErrors, findings, approvals, checklist, strict, ai, reasons);
        return new PolicyVerdict(conclusion, reasons, findings, approvals, unowned, checklist, ai, releaseId, configErrors, notes);
    }

    /**
     * The checklist items that are on (all of them for an AI-authored pull request under the strict
     * profile); the stages item adds its findings to {@code findings}.
     */
    private List<ChecklistItem> checklist(PullRequest pr, SchemaChange change, Ownership ownership, AiProfile strict,
                                          ReleaseId releaseId, List<Finding> findings) {
        var checklist = new ArrayList<ChecklistItem>();
        var body = PullRequestBody.parse(pr.body());
        var items = config.checklist();
        boolean all = strict.allChecklistItems();
        if (items.workflow() || all) {
            checklist.add(ChecklistItems.workflow(config.workflows(), pr, body));
        }
        if (items.rollback() || all) {
            checklist.add(ChecklistItems.rollback(change, pr.head(), body));
        }
        if (items.queryPlan() || all) {
            checklist.add(ChecklistItems.queryPlan(change, ownership, body));
        }
        if (items.releaseId() || all) {
            checklist.add(ChecklistItems.releaseId(releaseId, change, body));
        }
        Severity stages = items.stages() != Severity.OFF ? items.stages() : all ? Severity.WARNING : Severity.OFF;
        if (stages != Severity.OFF) {
            Stages.Outcome outcome = Stages.check(stages, items.applicationCode(), change, pr.changedPaths(), findings);
            checklist.add(outcome.item());
            findings.clear();
            findings.addAll(outcome.findings());
        }
        return checklist;
    }

    // ---- ownership --------------------------------------------------------------------------------

    private List<UnownedTable> unownedTables(SchemaChange change, Ownership ownership, List<Finding> findings) {
        if (!ownership.configured()) {
            return List.of();
        }
        var first = new LinkedHashMap<TableRef, SchemaChange.Step>();
        for (SchemaChange.Step step : change.steps()) {
            if (step.operation() instanceof Operation.CreateTable create && create.temporary()) {
                continue;
            }
            step.operation().tables().stream().filter(t -> ownership.ofTable(t).isEmpty())
                    .forEach(t -> first.putIfAbsent(t, step));
        }
        var unowned = new ArrayList<UnownedTable>();
        first.forEach((table, step) -> {
            unowned.add(new UnownedTable(table.qualified(), step.where()));
            if (config.unownedTables() != Severity.OFF) {
                findings.add(PolicyFindings.at(PolicyFindings.UNOWNED_TABLE, config.unownedTables(), step,
                        "No area owns " + table + ", so nobody is asked to approve changes to it. Add it to an area's "
                                + "tables in " + configPath + "."));
            }
        });
        return unowned;
    }

    /** What the change does to one area (or to the files one CODEOWNERS line covers). */
    private static final class Touch {
        final Set<String> tables = new LinkedHashSet<>();
        final List<String> nonAdditive = new ArrayList<>();
        boolean changesSchema;

        void add(SchemaChange.Step step, Optional<TableRef> table) {
            table.ifPresent(t -> tables.add(t.qualified()));
            changesSchema |= step.additivity().changesSchema();
            step.additivity().reason().ifPresent(r -> nonAdditive.add(r + " at " + step.where()));
        }

        void unread(String path) {
            changesSchema = true;
            nonAdditive.add("unknown effect: " + path + " was not analysed");
        }
    }

    private List<AreaApproval> areaApprovals(SchemaChange change, Ownership ownership, Codeowners codeowners,
                                             ApprovalLedger ledger, AiProfile strict) {
        var areas = new LinkedHashMap<Area, Touch>();
        var byCodeowners = new LinkedHashMap<Codeowners.Rule, Touch>();
        for (FileReview migration : change.migrations()) {
            String path = migration.file().path();
            List<SchemaChange.Step> steps = change.steps().stream().filter(s -> s.path().equals(path)).toList();
            Optional<Area> pathArea = ownership.ofPath(path);
            boolean claimed = pathArea.isPresent();
            for (SchemaChange.Step step : steps) {
                for (TableRef table : step.operation().tables()) {
                    Optional<Area> area = ownership.ofTable(table);
                    area.ifPresent(a -> areas.computeIfAbsent(a, x -> new Touch()).add(step, Optional.of(table)));
                    claimed |= area.isPresent();
                }
                pathArea.ifPresent(a -> areas.computeIfAbsent(a, x -> new Touch()).add(step, Optional.empty()));
            }
            if (migration.parsed().isEmpty()) {
                pathArea.ifPresent(a -> areas.computeIfAbsent(a, x -> new Touch()).unread(path));
            }
            if (!claimed && config.codeownersFallback()) {
                codeowners.ownerOf(path).ifPresent(rule -> {
                    Touch touch = byCodeowners.computeIfAbsent(rule, x -> new Touch());
                    steps.forEach(step -> touch.add(step, step.operation().tables().stream().findFirst()));
                    if (migration.parsed().isEmpty()) {
                        touch.unread(path);
                    }
                });
            }
        }
        var result = new ArrayList<AreaApproval>();
        var seniorNeeded = new ArrayList<String>();
        areas.forEach((area, touch) -> {
            result.add(approval(area.name(), AreaApproval.Kind.AREA, area.owners(), area.service(),
                    Optional.of(area.profile().name().toLowerCase(Locale.ROOT)), touch, strict, ledger));
            if (area.changes() == Changes.ADDITIVE_ONLY && !touch.nonAdditive.isEmpty()) {
                seniorNeeded.add(area.name() + " (" + touch.nonAdditive.getFirst()
                        + (touch.nonAdditive.size() > 1 ? " and " + (touch.nonAdditive.size() - 1) + " more" : "") + ")");
            }
        });
        byCodeowners.forEach((rule, touch) -> result.add(approval("CODEOWNERS " + rule.pattern(), AreaApproval.Kind.CODEOWNERS,
                rule.owners(), Optional.empty(), Optional.empty(), touch, strict, ledger)));
        if (!seniorNeeded.isEmpty()) {
            result.add(new AreaApproval("senior reviewers", AreaApproval.Kind.SENIOR_REVIEWERS, config.seniorReviewers(),
                    Optional.empty(), Optional.empty(), List.of(), true,
                    "additive-only areas get non-additive changes: " + String.join("; ", seniorNeeded),
                    approvedBy(config.seniorReviewers(), ledger), dropped(config.seniorReviewers(), ledger)));
        }
        return result;
    }

    private AreaApproval approval(String name, AreaApproval.Kind kind, List<String> areaOwners, Optional<String> service,
                                  Optional<String> profile, Touch touch, AiProfile strict, ApprovalLedger ledger) {
        String requirement;
        boolean required = true;
        if (!touch.nonAdditive.isEmpty()) {
            requirement = "non-additive: " + String.join("; ", touch.nonAdditive.subList(0, Math.min(5, touch.nonAdditive.size())))
                    + (touch.nonAdditive.size() > 5 ? " and " + (touch.nonAdditive.size() - 5) + " more" : "");
        } else if (config.approvals().owners() == OwnerApproval.ALWAYS && touch.changesSchema) {
            requirement = "every change needs its owners (approvals.owners: always)";
        } else if (strict.ownerApprovalForAdditive() && touch.changesSchema) {
            requirement = "AI-authored: owners approve even additive changes";
        } else {
            required = false;
            requirement = touch.changesSchema ? "additive changes only" : "no schema change";
        }
        return new AreaApproval(name, kind, areaOwners, service, profile, List.copyOf(touch.tables), required, requirement,
                approvedBy(areaOwners, ledger), dropped(areaOwners, ledger));
    }

    /**
     * Edits to the configuration take effect after merge, so its owners approve them: the
     * configured {@code config_owners}, else CODEOWNERS of the file, else the senior reviewers,
     * else anyone but the author.
     */
    private AreaApproval configApproval(Codeowners codeowners, ApprovalLedger ledger) {
        List<String> configOwners = Stream.<List<String>>of(config.configOwners(),
                        codeowners.ownerOf(configPath).map(Codeowners.Rule::owners).orElse(List.of()), config.seniorReviewers())
                .filter(l -> !l.isEmpty()).findFirst().orElse(List.of());
        List<String> approvedBy = configOwners.isEmpty() ? ledger.approvers() : approvedBy(configOwners, ledger);
        List<String> dropped = configOwners.isEmpty()
                ? ledger.dropped().stream().map(d -> "@" + d.login() + ": " + d.reason()).toList()
                : dropped(configOwners, ledger);
        return new AreaApproval("configuration", AreaApproval.Kind.CONFIG_OWNERS, configOwners, Optional.empty(),
                Optional.empty(), List.of(), true, "this pull request edits " + configPath
                + "; it is reviewed with the base branch's version, and the change needs its owners' approval",
                approvedBy, dropped);
    }

    private List<String> approvedBy(List<String> groupOwners, ApprovalLedger ledger) {
        return ledger.approvers().stream().filter(login -> owners.isOwner(groupOwners, login)).toList();
    }

    private List<String> dropped(List<String> groupOwners, ApprovalLedger ledger) {
        return ledger.dropped().stream().filter(d -> owners.isOwner(groupOwners, d.login()))
                .map(d -> "@" + d.login() + ": " + d.reason()).toList();
    }

    /** Every migration file with its blob at head, and the configuration's when the pull request edits it. */
    private Map<String, String> guardedBlobs(PullRequest pr, SchemaChange change, boolean editsConfig) {
        var guarded = new LinkedHashMap<String, String>();
        Stream.concat(change.migrations().stream(), change.downFiles().stream())
                .forEach(f -> guarded.put(f.file().path(), blob(pr, f.file().source())));
        if (editsConfig) {
            pr.head().read(configPath).ifPresent(f -> guarded.put(configPath, blob(pr, f)));
        }
        return guarded;
    }

    private static String blob(PullRequest pr, SourceFile file) {
        return pr.headBlobs().getOrDefault(file.path(), GitBlobs.id(file.content()));
    }

    // ---- conclusion -------------------------------------------------------------------------------

    private static Conclusion conclude(List<ConfigError> configErrors, List<Finding> findings, List<AreaApproval> approvals,
                                       List<ChecklistItem> checklist, AiProfile strict, AiAuthorship ai, List<String> reasons) {
        Conclusion conclusion = Conclusion.SUCCESS;
        long errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
        long warnings = findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
        if (!configErrors.isEmpty()) {
            reasons.add("the configuration has " + plural(configErrors.size(), "error") + " (" + configErrors.getFirst().render()
                    + "); the review ran with the default settings");
            conclusion = Conclusion.FAILURE;
        }
        if (errors > 0) {
            reasons.add(plural(errors, "finding") + " at error");
            conclusion = Conclusion.FAILURE;
        }
        if (warnings > 0 && ai.detected() && strict.warningsFail()) {
            reasons.add(plural(warnings, "warning") + ", and warnings fail AI-authored pull requests (ai.warnings_fail)");
            conclusion = Conclusion.FAILURE;
        }
        for (AreaApproval approval : approvals) {
            approval.whatIsMissing().ifPresent(missing -> reasons.add(approval.name() + " needs " + missing));
        }
        for (ChecklistItem item : checklist) {
            if (item.status() == Status.MISSING) {
                reasons.add("checklist item " + item.id() + ": " + item.detail());
            }
        }
        boolean actionRequired = approvals.stream().anyMatch(AreaApproval::missing)
                || checklist.stream().anyMatch(i -> i.status() == Status.MISSING);
        if (actionRequired && conclusion == Conclusion.SUCCESS) {
            conclusion = Conclusion.ACTION_REQUIRED;
        }
        if (warnings > 0 && conclusion == Conclusion.SUCCESS) {
            reasons.add(plural(warnings, "warning"));
            conclusion = Conclusion.NEUTRAL;
        }
        return conclusion;
    }

    private static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}

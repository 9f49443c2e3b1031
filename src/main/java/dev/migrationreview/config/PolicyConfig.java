package dev.migrationreview.config;

import dev.migrationreview.rule.Severity;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The policy part of {@code .github/migration-review.yml}: who owns which tables, what a schema
 * change must carry, how AI-authored pull requests are treated, and whose approval counts. The
 * policy package evaluates it; the engine never reads it.
 *
 * @param areas              schema areas with their owners, in the order written (the first match names a table's area)
 * @param seniorReviewers    users and {@code @org/team}s whose approval a non-additive change to an additive-only area needs
 * @param configOwners       who must approve a pull request that edits the configuration; empty means CODEOWNERS of
 *                           the file, then the senior reviewers
 * @param unownedTables      how a table that no area owns is reported; OFF lists it without a finding
 * @param codeownersFallback whether CODEOWNERS on the base branch names owners for migration files no area claims
 * @param workflows          the business workflows a pull request may name for the {@code workflow} checklist item
 */
public record PolicyConfig(
        List<Area> areas,
        List<String> seniorReviewers,
        List<String> configOwners,
        Severity unownedTables,
        boolean codeownersFallback,
        TableSizes tableSizes,
        List<String> workflows,
        Checklist checklist,
        Conventions conventions,
        AiAuthors ai,
        Approvals approvals) {

    public PolicyConfig {
        areas = List.copyOf(areas);
        seniorReviewers = List.copyOf(seniorReviewers);
        configOwners = List.copyOf(configOwners);
        workflows = List.copyOf(workflows);
    }

    public static PolicyConfig defaults() {
        return new PolicyConfig(List.of(), List.of(), List.of(), Severity.NOTICE, true, TableSizes.NONE, List.of(),
                Checklist.NONE, Conventions.NONE, AiAuthors.DEFAULTS, Approvals.DEFAULTS);
    }

    /** The expected performance profile of an area's tables: hot tables raise locking findings. */
    public enum Profile { HOT, WARM, COLD }

    /** What an area accepts without a senior reviewer: anything, or only additive changes. */
    public enum Changes { ANY, ADDITIVE_ONLY }

    /**
     * A schema area.
     *
     * @param tables globs over table names; {@code billing.*} is schema-qualified, {@code invoice_*} matches in any schema
     * @param paths  globs over repository paths of migration files that belong to the area
     * @param owners logins and {@code @org/team}s
     */
    public record Area(String name, List<String> tables, List<String> paths, List<String> owners,
                       Optional<String> service, Profile profile, Changes changes) {
        public Area {
            tables = List.copyOf(tables);
            paths = List.copyOf(paths);
            owners = List.copyOf(owners);
        }
    }

    /**
     * Table sizes for messages: rows written in the config, and a {@code pg_stat_user_tables}
     * export checked into the repository (read from the base branch); the config's numbers win.
     */
    public record TableSizes(Optional<String> statsFile, Map<String, Long> rows) {
        public static final TableSizes NONE = new TableSizes(Optional.empty(), Map.of());

        public TableSizes {
            rows = Map.copyOf(rows);
        }
    }

    /**
     * The checklist items a schema change must satisfy, each on or off.
     *
     * @param stages          severity of a migration that mixes DDL with a backfill, or of migrations
     *                        changed together with application code; OFF disables the item
     * @param applicationCode globs of application code for the {@code stages} item; empty means common source files
     */
    public record Checklist(boolean workflow, boolean rollback, boolean queryPlan, boolean releaseId,
                            Severity stages, List<String> applicationCode) {
        public static final Checklist NONE = new Checklist(false, false, false, false, Severity.OFF, List.of());

        public Checklist {
            applicationCode = List.copyOf(applicationCode);
        }
    }

    /**
     * Naming and indexing conventions, reported as findings of {@code severity}. Patterns are Java
     * regular expressions a whole name must match.
     */
    public record Conventions(Optional<String> tables, Optional<String> columns, Optional<String> indexes,
                              Optional<String> constraints, boolean foreignKeysIndexed, Optional<Integer> maxIndexColumns,
                              Severity severity) {
        public static final Conventions NONE = new Conventions(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), false, Optional.empty(), Severity.WARNING);
    }

    /**
     * How AI-authored pull requests are recognised and what bar they meet.
     *
     * @param builtInDetection whether the built-in coding-agent logins, {@code [bot]} authors and agent
     *                         co-author trailers count, besides the configured ones
     * @param coAuthors        texts that, found in a {@code Co-authored-by} trailer's name or e-mail, mark an agent
     */
    public record AiAuthors(boolean builtInDetection, List<String> logins, List<String> labels, List<String> coAuthors,
                            AiProfile profile) {
        public static final AiAuthors DEFAULTS = new AiAuthors(true, List.of(), List.of(), List.of(), AiProfile.STRICT);

        public AiAuthors {
            logins = List.copyOf(logins);
            labels = List.copyOf(labels);
            coAuthors = List.copyOf(coAuthors);
        }
    }

    /** The stricter bar for AI-authored pull requests; each part can be switched off. */
    public record AiProfile(boolean warningsFail, boolean allChecklistItems, boolean ownerApprovalForAdditive) {
        public static final AiProfile STRICT = new AiProfile(true, true, true);
    }

    /** When area owners must approve: only for non-additive changes, or for every change of their area. */
    public enum OwnerApproval { NON_ADDITIVE, ALWAYS }

    public record Approvals(OwnerApproval owners, boolean authorMayApprove) {
        public static final Approvals DEFAULTS = new Approvals(OwnerApproval.NON_ADDITIVE, false);
    }
}

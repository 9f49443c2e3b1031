package dev.migrationreview.frontend.liquibase;

import dev.migrationreview.discovery.Dialect;
import dev.migrationreview.discovery.FileTree;
import dev.migrationreview.discovery.MigrationFile;
import dev.migrationreview.frontend.ParsedMigration;
import dev.migrationreview.frontend.ParsedMigration.FrontendProblem;
import dev.migrationreview.frontend.ParsedMigration.Note;
import dev.migrationreview.frontend.Statement;
import dev.migrationreview.frontend.Statement.ParsedBy;
import dev.migrationreview.frontend.Statement.Section;
import dev.migrationreview.frontend.Suppression;
import dev.migrationreview.frontend.sql.SqlFrontend;
import dev.migrationreview.operation.Operation;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Walks one changelog: changeSets in order, each change translated on its lines, each changeSet
 * wrapped in the transaction Liquibase gives it (none with {@code runInTransaction="false"}),
 * its rollback (written, derived by Liquibase, or missing), and the files it names checked.
 */
final class ChangelogTranslation {

    /** Elements of a changeSet that configure it rather than change the database. */
    private static final Set<String> CHANGE_SET_SETTINGS = Set.of("preConditions", "rollback", "comment", "validCheckSum",
            "modifySql");
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    private final MigrationFile file;
    private final FileTree repository;
    private final SqlFrontend sql;
    private final SourceText source;
    private final Dialect dialect;
    private final ChangeTranslator translator;
    private final List<Statement> forward = new ArrayList<>();
    private final List<List<Statement>> rollbackPerChangeSet = new ArrayList<>();
    private final List<ParsedMigration.Rollback> rollbacks = new ArrayList<>();
    private final List<Note> notes = new ArrayList<>();
    private final List<FrontendProblem> problems = new ArrayList<>();
    private final List<TranslatedChangelog.ChangeSet> changeSets = new ArrayList<>();
    private List<ChangelogNode> changeSetNodes = List.of();

    ChangelogTranslation(MigrationFile file, FileTree repository, SqlFrontend sql, SourceText source) {
        this.file = file;
        this.repository = repository;
        this.sql = sql;
        this.source = source;
        this.dialect = file.dialect();
        this.translator = new ChangeTranslator(dialect);
    }

    TranslatedChangelog translate(ChangelogDocument document) {
        source.firstInvalidLine().ifPresent(line -> problems.add(new FrontendProblem(line,
                "The changelog is not valid UTF-8; characters that could not be read were replaced.")));
        document.problem().ifPresent(problems::add);
        document.root().ifPresent(this::changelog);
        if (document.root().isEmpty() && document.problem().isEmpty()) {
            problems.add(new FrontendProblem(1, "The changelog has no databaseChangeLog element."));
        }
        var statements = new ArrayList<>(forward);
        rollbackPerChangeSet.reversed().forEach(statements::addAll);
        var suppressions = document.comments().stream()
                .flatMap(c -> Suppression.fromComment(c.body(), c.line()).stream()).toList();
        // Liquibase commits each changeSet on its own: the file is not one transaction, its changeSets are.
        var migration = new ParsedMigration(file, statements, suppressions, false, problems, rollbacks, notes);
        return new TranslatedChangelog(migration, changeSets);
    }

    private void changelog(ChangelogNode parsedRoot) {
        if (!parsedRoot.name().equals("databaseChangeLog")) {
            problems.add(new FrontendProblem(parsedRoot.startLine(),
                    "The root element is '" + parsedRoot.name() + "', not databaseChangeLog: this is not a Liquibase changelog."));
            return;
        }
        ChangelogNode root = withProperties(parsedRoot);
        changeSetNodes = root.children("changeSet");
        var preconditions = root.child("preConditions");
        if (preconditions.isPresent()) {
            var excluded = preconditionExcludes(preconditions.get());
            if (excluded.isPresent()) {
                notes.add(new Note(preconditions.get().startLine(), "The changelog's preconditions require " + excluded.get()
                        + "; nothing in it runs on " + dialect.label() + ", so it was not reviewed."));
                root.children("changeSet").forEach(c -> changeSets.add(summary(c, Optional.of(excluded.get()), 0)));
                return;
            }
            notes.add(new Note(preconditions.get().startLine(), preconditionNote("The changelog", preconditions.get())));
        }
        for (ChangelogNode element : root.children()) {
            topLevel(element);
        }
    }

    private void topLevel(ChangelogNode element) {
        switch (element.name()) {
            case "changeSet" -> changeSet(element);
            case "include" -> include(element, false);
            case "includeAll" -> include(element, true);
            case "modifyChangeSets" -> element.children().forEach(this::topLevel);
            case "property", "preConditions", "comment", "removeChangeSetProperty" -> { }
            default -> forward.add(new Statement(source.slice(element.span()), element.startLine(), element.endLine(),
                    List.of(new Operation.Unparsed("Liquibase changelog element '" + element.name() + "' is not understood")),
                    ParsedBy.NONE, Section.UP));
        }
    }

    // ---- properties ----------------------------------------------------------------------------

    /** Substitutes the file's own {@code <property>} values; properties defined elsewhere stay as written. */
    private ChangelogNode withProperties(ChangelogNode root) {
        var properties = new HashMap<String, String>();
        for (ChangelogNode property : root.children("property")) {
            var name = property.attribute("name");
            var value = property.attributes().get("value");
            if (name.isPresent() && value != null && notForThisDatabase(property).isEmpty()) {
                properties.putIfAbsent(name.get(), value);
            }
        }
        if (properties.isEmpty()) {
            return root;
        }
        return root.substitute(text -> substitute(text, properties));
    }

    private static String substitute(String text, Map<String, String> properties) {
        if (text.indexOf("${") < 0) {
            return text;
        }
        Matcher matcher = PROPERTY.matcher(text);
        var out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(properties.getOrDefault(matcher.group(1), matcher.group())));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    // ---- changeSets ----------------------------------------------------------------------------

    private void changeSet(ChangelogNode changeSet) {
        String label = label(changeSet);
        if (changeSet.flag("ignore", false)) {
            notes.add(new Note(changeSet.startLine(), capitalised(label) + " is marked ignore=\"true\": Liquibase never runs it, "
                    + "so it was not reviewed."));
            changeSets.add(summary(changeSet, Optional.of("ignore=\"true\""), 0));
            return;
        }
        var excluded = notForThisDatabase(changeSet)
                .or(() -> changeSet.child("preConditions").flatMap(this::preconditionExcludes)
                        .map(dbms -> "its preconditions require " + dbms));
        if (excluded.isPresent()) {
            notes.add(new Note(changeSet.startLine(), capitalised(label) + " runs only where " + excluded.get()
                    + "; it was not reviewed for " + dialect.label() + "."));
            changeSets.add(summary(changeSet, excluded, 0));
            return;
        }
        changeSet.child("preConditions").ifPresent(p -> notes.add(new Note(p.startLine(), preconditionNote(capitalised(label), p))));
        changeSet.children("modifySql").stream().filter(m -> notForThisDatabase(m).isEmpty()).findFirst()
                .ifPresent(m -> notes.add(new Note(m.startLine(), capitalised(label) + " rewrites the SQL Liquibase generates "
                        + "(modifySql); the review judges the changes as written.")));
        var changes = new ArrayList<ChangeResult>();
        var statements = new ArrayList<Statement>();
        for (ChangelogNode change : changeSet.children()) {
            if (CHANGE_SET_SETTINGS.contains(change.name()) || !change.complete()) {
                continue;
            }
            var excludedChange = notForThisDatabase(change);
            if (excludedChange.isPresent()) {
                notes.add(new Note(change.startLine(), "The " + change.name() + " change in " + label + " runs only where "
                        + excludedChange.get() + "; it was not reviewed for " + dialect.label() + "."));
                continue;
            }
            ChangeResult result = change(change, Section.UP);
            changes.add(result);
            statements.addAll(result.statements());
        }
        if (changeSet.flag("runInTransaction", true) && !statements.isEmpty()) {
            forward.add(transactionControl(label + " begins: Liquibase runs each changeSet in its own transaction",
                    statements.getFirst().startLine(), Operation.Transaction.Control.BEGIN));
            forward.addAll(statements);
            forward.add(transactionControl(label + " ends: Liquibase commits its transaction",
                    statements.getLast().endLine(), Operation.Transaction.Control.COMMIT));
        } else {
            forward.addAll(statements);
        }
        rollback(changeSet, label, changes);
        changeSets.add(summary(changeSet, Optional.empty(), changes.size()));
    }

    private static Statement transactionControl(String text, int line, Operation.Transaction.Control control) {
        return new Statement(text, line, line, List.of(new Operation.Transaction(control)), ParsedBy.FRAMEWORK, Section.UP);
    }

    private static TranslatedChangelog.ChangeSet summary(ChangelogNode changeSet, Optional<String> skipped, int changes) {
        return new TranslatedChangelog.ChangeSet(changeSet.attribute("id").orElse(""), changeSet.attribute("author").orElse(""),
                changeSet.startLine(), skipped, changes);
    }

    private static String label(ChangelogNode changeSet) {
        return "changeSet " + changeSet.attribute("id").orElse("(no id)") + " by " + changeSet.attribute("author").orElse("(no author)");
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    // ---- changes -------------------------------------------------------------------------------

    /** One change's statements, and the operations Liquibase derives to undo it, if it can. */
    private record ChangeResult(String name, ChangelogNode node, List<Statement> statements,
                                Optional<ChangeTranslator.Inverse> inverse) {}

    private ChangeResult change(ChangelogNode change, Section section) {
        try {
            return switch (change.name()) {
                case "sql" -> new ChangeResult("sql", change, sqlChange(change, section), Optional.empty());
                case "sqlFile" -> new ChangeResult("sqlFile", change, sqlFile(change, section), Optional.empty());
                default -> {
                    var translated = translator.translate(change);
                    var statements = translated.operations().isEmpty() ? List.<Statement>of()
                            : List.of(new Statement(source.slice(change.span()), change.startLine(), change.endLine(),
                                    translated.operations(), translated.understood() ? ParsedBy.FRAMEWORK : ParsedBy.NONE, section));
                    yield new ChangeResult(change.name(), change, statements, translated.automaticRollback());
                }
            };
        } catch (RuntimeException e) {
            // A translation bug must not lose the rest of the changelog: this change is reported as not understood.
            return new ChangeResult(change.name(), change, List.of(unparsed(change, section, "Liquibase change '" + change.name()
                    + "' could not be translated (" + e.getClass().getSimpleName() + ")")), Optional.empty());
        }
    }

    private Statement unparsed(ChangelogNode change, Section section, String reason) {
        return new Statement(source.slice(change.span()), change.startLine(), change.endLine(),
                List.of(new Operation.Unparsed(reason)), ParsedBy.NONE, section);
    }

    private List<Statement> sqlChange(ChangelogNode change, Section section) {
        var body = change.body("sql");
        if (body.isEmpty() || body.get().text().isBlank()) {
            return List.of(unparsed(change, section, "Liquibase change 'sql' holds no SQL"));
        }
        return sql.parseSql(body.get().text(), dialect, body.get().firstLine(), section);
    }

    /**
     * The file's SQL, parsed as SQL. Statements keep their text but take the lines of the
     * {@code sqlFile} element: findings point into the changelog under review.
     */
    private List<Statement> sqlFile(ChangelogNode change, Section section) {
        var path = change.attribute("path");
        if (path.isEmpty()) {
            return List.of(unparsed(change, section, "Liquibase change 'sqlFile' has no path"));
        }
        boolean relative = change.flag("relativeToChangelogFile", false);
        var lookup = RepositoryPaths.candidates(file.path(), path.get(), relative);
        if (lookup instanceof RepositoryPaths.Lookup.OutsideRepository) {
            return List.of(unparsed(change, section, "sqlFile '" + path.get() + "' points outside the repository; it was not read"));
        }
        var candidates = (RepositoryPaths.Lookup.Candidates) lookup;
        var found = RepositoryPaths.findFile(candidates, path.get(), relative, repository).flatMap(repository::read);
        if (found.isEmpty()) {
            return List.of(unparsed(change, section, "sqlFile '" + path.get() + "' was not found in the repository (looked for "
                    + String.join(", ", candidates.paths()) + ")"));
        }
        String text = new String(found.get().content(), charset(change));
        return sql.parseSql(text, dialect, 1, section).stream()
                .map(s -> new Statement(s.text(), change.startLine(), change.endLine(), s.operations(), s.parsedBy(), s.section()))
                .toList();
    }

    private static Charset charset(ChangelogNode change) {
        try {
            return change.attribute("encoding").map(Charset::forName).orElse(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }

    // ---- rollback ------------------------------------------------------------------------------

    private void rollback(ChangelogNode changeSet, String label, List<ChangeResult> changes) {
        var written = changeSet.children("rollback").stream().filter(r -> notForThisDatabase(r).isEmpty()).toList();
        var inline = changeSet.located("rollback");
        var down = new ArrayList<Statement>();
        ParsedMigration.Rollback.Kind kind;
        String detail;
        if (!written.isEmpty() || inline.isPresent()) {
            written.forEach(r -> down.addAll(writtenRollback(r, label)));
            inline.ifPresent(text -> down.addAll(sql.parseSql(text.text(), dialect, text.firstLine(), Section.DOWN)));
            kind = ParsedMigration.Rollback.Kind.EXPLICIT;
            detail = down.isEmpty() ? "an empty rollback block: nothing to undo"
                    : "a rollback block of " + down.size() + (down.size() == 1 ? " statement" : " statements");
        } else if (changes.stream().allMatch(c -> c.inverse().isPresent())) {
            for (ChangeResult change : changes.reversed()) {
                var inverse = change.inverse().orElseThrow();
                if (!inverse.operations().isEmpty()) {
                    down.add(new Statement(inverse.description() + " (Liquibase's automatic rollback of " + change.name() + ")",
                            change.node().startLine(), change.node().endLine(), inverse.operations(), ParsedBy.FRAMEWORK, Section.DOWN));
                }
            }
            kind = ParsedMigration.Rollback.Kind.AUTOMATIC;
            detail = changes.isEmpty() ? "no changes to undo" : "Liquibase derives it: "
                    + changes.reversed().stream().map(c -> c.inverse().orElseThrow().description()).collect(Collectors.joining("; "));
        } else {
            kind = ParsedMigration.Rollback.Kind.MISSING;
            detail = "no rollback block, and Liquibase cannot derive one for "
                    + changes.stream().filter(c -> c.inverse().isEmpty()).map(ChangeResult::name).distinct()
                    .collect(Collectors.joining(", "));
        }
        rollbacks.add(new ParsedMigration.Rollback(label, changeSet.startLine(), changeSet.endLine(), kind, detail));
        rollbackPerChangeSet.add(down);
    }

    /** A rollback block: its SQL text, its changes, or a reference to another changeSet whose changes undo this one. */
    private List<Statement> writtenRollback(ChangelogNode rollback, String label) {
        var down = new ArrayList<Statement>();
        rollback.body("sql").filter(b -> !b.text().isBlank())
                .ifPresent(text -> down.addAll(sql.parseSql(text.text(), dialect, text.firstLine(), Section.DOWN)));
        for (ChangelogNode change : rollback.children()) {
            if (change.complete() && !change.name().equals("comment") && notForThisDatabase(change).isEmpty()) {
                down.addAll(change(change, Section.DOWN).statements());
            }
        }
        rollback.attribute("changeSetId").ifPresent(id -> {
            var author = rollback.attribute("changeSetAuthor");
            var referenced = changeSetNodes.stream()
                    .filter(c -> c.attribute("id").equals(Optional.of(id)))
                    .filter(c -> author.isEmpty() || c.attribute("author").equals(author))
                    .findFirst();
            if (referenced.isPresent() && rollback.attribute("changeSetPath").isEmpty()) {
                referenced.get().children().stream()
                        .filter(c -> !CHANGE_SET_SETTINGS.contains(c.name()) && c.complete() && notForThisDatabase(c).isEmpty())
                        .forEach(c -> down.addAll(change(c, Section.DOWN).statements()));
            } else {
                notes.add(new Note(rollback.startLine(), "The rollback of " + label + " re-applies changeSet " + id
                        + " from another changelog; that changeSet was not reviewed here."));
            }
        });
        return down;
    }

    // ---- includes ------------------------------------------------------------------------------

    /** Checks that an include's changelog (or an includeAll's folder) is in the repository; Liquibase fails otherwise. */
    private void include(ChangelogNode include, boolean folder) {
        if (notForThisDatabase(include).isPresent()) {
            return;
        }
        String attribute = folder ? "path" : "file";
        String what = folder ? "included folder" : "included changelog";
        var name = include.attribute(attribute);
        if (name.isEmpty()) {
            problems.add(new FrontendProblem(include.startLine(), "An " + include.name() + " names no " + attribute
                    + ": Liquibase will refuse the changelog."));
            return;
        }
        boolean relative = include.flag("relativeToChangelogFile", false);
        switch (RepositoryPaths.candidates(file.path(), name.get(), relative)) {
            case RepositoryPaths.Lookup.OutsideRepository outside -> problems.add(new FrontendProblem(include.startLine(),
                    "The " + what + " '" + name.get() + "' lies outside the repository; it was not read."));
            case RepositoryPaths.Lookup.Candidates candidates -> {
                boolean present = folder
                        ? !include.flag("errorIfMissingOrEmpty", true) || RepositoryPaths.findFolder(candidates, repository).isPresent()
                        : RepositoryPaths.findFile(candidates, name.get(), relative, repository).isPresent();
                if (!present) {
                    problems.add(new FrontendProblem(include.startLine(), "The " + what + " '" + name.get() + "' "
                            + (folder ? "is missing or empty" : "is not") + " in the repository (looked for "
                            + String.join(", ", candidates.paths()) + "): Liquibase will fail to run this changelog."));
                }
            }
        }
    }

    // ---- databases and preconditions -----------------------------------------------------------

    /** Why an element does not run on the dialect under review: its dbms list, or a context naming another database. */
    private Optional<String> notForThisDatabase(ChangelogNode node) {
        var dbms = node.attribute("dbms");
        if (dbms.isPresent() && !DatabaseFilter.dbmsAdmits(dbms.get(), dialect.kind())) {
            return Optional.of("dbms=\"" + dbms.get() + "\"");
        }
        for (String attribute : List.of("context", "contextFilter", "labels")) {
            var expression = node.attribute(attribute);
            if (expression.isPresent() && !DatabaseFilter.contextAdmits(expression.get(), dialect.kind()).orElse(true)) {
                return Optional.of(attribute + "=\"" + expression.get() + "\"");
            }
        }
        return Optional.empty();
    }

    /**
     * The databases preconditions made only of {@code <dbms>} checks require, when the dialect is
     * not among them and a failure stops the changes (any onFail but WARN).
     */
    private Optional<String> preconditionExcludes(ChangelogNode preconditions) {
        if (preconditions.attribute("onFail").map(f -> f.equalsIgnoreCase("WARN")).orElse(false)) {
            return Optional.empty();
        }
        var checks = preconditions.children();
        if (checks.size() == 1 && checks.getFirst().name().equals("or")) {
            checks = checks.getFirst().children();
        }
        if (checks.isEmpty() || !checks.stream().allMatch(c -> c.name().equals("dbms") && c.attribute("type").isPresent())) {
            return Optional.empty();
        }
        var types = checks.stream().map(c -> c.attribute("type").orElseThrow()).toList();
        boolean admitted = types.stream().anyMatch(t -> DatabaseFilter.dbmsAdmits(t, dialect.kind()));
        return admitted ? Optional.empty() : Optional.of("dbms " + String.join(" or ", types));
    }

    private static String preconditionNote(String subject, ChangelogNode preconditions) {
        String onFail = preconditions.attribute("onFail").orElse("HALT").toUpperCase(Locale.ROOT);
        String otherwise = switch (onFail) {
            case "MARK_RAN" -> "Liquibase marks it as run without running it";
            case "CONTINUE" -> "Liquibase skips it and tries again on the next update";
            case "WARN" -> "Liquibase logs a warning and runs it anyway";
            default -> "the update stops with an error";
        };
        String checks = preconditions.children().stream().map(ChangelogTranslation::describe).collect(Collectors.joining(", "));
        return subject + " runs only when its preconditions hold (" + checks + "); otherwise " + otherwise
                + " (onFail=" + onFail + ").";
    }

    private static String describe(ChangelogNode check) {
        if (!check.children().isEmpty() && Set.of("not", "and", "or").contains(check.name())) {
            return check.name() + "(" + check.children().stream().map(ChangelogTranslation::describe)
                    .collect(Collectors.joining(", ")) + ")";
        }
        var subject = check.attribute("indexName").or(() -> check.attribute("constraintName"))
                .or(() -> check.attribute("foreignKeyName"))
                .or(() -> check.attribute("tableName").map(t -> t + check.attribute("columnName").map(c -> "." + c).orElse("")))
                .or(() -> check.attribute("type"))
                .or(() -> check.attribute("sequenceName")).or(() -> check.attribute("viewName"));
        return check.name() + subject.map(s -> " " + s).orElse("");
    }
}

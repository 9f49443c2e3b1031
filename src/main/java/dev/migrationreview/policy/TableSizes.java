package dev.migrationreview.policy;

import dev.migrationreview.config.PolicyConfig;
import dev.migrationreview.discovery.FileTree;
import dev.migrationreview.discovery.SourceFile;
import dev.migrationreview.operation.TableRef;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How big tables are, so a message can say what a lock or rewrite will cost: the row counts
 * written in the config, and a {@code pg_stat_user_tables} export (CSV with a header; the columns
 * {@code relname}, {@code n_live_tup}, and optionally {@code schemaname} and a byte size such as
 * {@code total_bytes}) checked into the repository.
 */
final class TableSizes {

    /** An export is a few thousand lines; anything far larger is not one. */
    static final int MAX_EXPORT_BYTES = 8 * 1024 * 1024;
    private static final List<String> BYTE_COLUMNS = List.of("total_bytes", "pg_total_relation_size", "total_size", "size_bytes", "bytes");

    record Size(long rows, OptionalLong bytes) {
        /** "about 120 million rows, 45 GB". */
        String describe() {
            return "about " + Quantities.rows(rows) + (bytes.isPresent() ? ", " + Quantities.bytes(bytes.getAsLong()) : "");
        }
    }

    private final Map<String, Size> qualified;
    private final Map<String, Size> anySchema;

    private TableSizes(Map<String, Size> qualified, Map<String, Size> anySchema) {
        this.qualified = qualified;
        this.anySchema = anySchema;
    }

    static TableSizes load(PolicyConfig.TableSizes config, FileTree base, List<String> notes) {
        var qualified = new HashMap<String, Size>();
        var anySchema = new HashMap<String, Size>();
        config.statsFile().ifPresent(path -> {
            Optional<SourceFile> export = base.read(path);
            if (export.isEmpty()) {
                notes.add("table_sizes.stats_file " + path + " is not on the base branch; table sizes come from the config only");
            } else if (export.get().content().length > MAX_EXPORT_BYTES) {
                notes.add("table_sizes.stats_file " + path + " is larger than " + Quantities.bytes(MAX_EXPORT_BYTES) + "; it was not read");
            } else {
                readExport(path, new String(export.get().content(), StandardCharsets.UTF_8), qualified, notes);
            }
        });
        config.rows().forEach((table, rows) -> {
            TableRef ref = TableRef.parse(table);
            Size size = new Size(rows, OptionalLong.empty());
            if (ref.schema().isPresent()) {
                qualified.put(key(ref.schema().get(), ref.name()), size);
            } else {
                anySchema.put(ref.name().toLowerCase(Locale.ROOT), size);
            }
        });
        return new TableSizes(qualified, anySchema);
    }

    Optional<Size> of(TableRef table) {
        Size exact = qualified.get(key(table.schema().orElse(TableGlob.DEFAULT_SCHEMA), table.name()));
        return Optional.ofNullable(exact).or(() -> Optional.ofNullable(anySchema.get(table.name().toLowerCase(Locale.ROOT))));
    }

    private static void readExport(String path, String text, Map<String, Size> sizes, List<String> notes) {
        List<List<String>> rows = Csv.parse(text);
        if (rows.isEmpty()) {
            notes.add("table_sizes.stats_file " + path + " is empty");
            return;
        }
        List<String> header = rows.getFirst().stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        int name = header.indexOf("relname");
        int live = header.indexOf("n_live_tup");
        int schema = header.indexOf("schemaname");
        int bytes = BYTE_COLUMNS.stream().mapToInt(header::indexOf).filter(i -> i >= 0).findFirst().orElse(-1);
        if (name < 0 || live < 0) {
            notes.add("table_sizes.stats_file " + path + " has no relname and n_live_tup columns (export pg_stat_user_tables with a header)");
            return;
        }
        int skipped = 0;
        for (List<String> row : rows.subList(1, rows.size())) {
            OptionalLong count = number(row, live);
            if (row.size() <= name || row.get(name).isBlank() || count.isEmpty()) {
                skipped++;
                continue;
            }
            String schemaName = schema >= 0 && row.size() > schema && !row.get(schema).isBlank()
                    ? row.get(schema) : TableGlob.DEFAULT_SCHEMA;
            sizes.put(key(schemaName, row.get(name)), new Size(count.getAsLong(), number(row, bytes)));
        }
        if (skipped > 0) {
            notes.add("table_sizes.stats_file " + path + ": " + skipped + " line(s) without a table name or row count were skipped");
        }
    }

    private static OptionalLong number(List<String> row, int column) {
        if (column < 0 || row.size() <= column) {
            return OptionalLong.empty();
        }
        String value = row.get(column).strip();
        return value.matches("\\d{1,18}") ? OptionalLong.of(Long.parseLong(value)) : OptionalLong.empty();
    }

    private static String key(String schema, String name) {
        return (schema + "." + name).toLowerCase(Locale.ROOT);
    }

    /** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. */
    static final class Csv {
        private Csv() {}

        static List<List<String>> parse(String text) {
            var rows = new ArrayList<List<String>>();
            var row = new ArrayList<String>();
            var field = new StringBuilder();
            boolean quoted = false;
            boolean any = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                    any = true;
                } else if (c == ',') {
                    row.add(field.toString());
                    field.setLength(0);
                    any = true;
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    if (any || !field.isEmpty()) {
                        row.add(field.toString());
                        rows.add(row);
                    }
                    row = new ArrayList<>();
                    field.setLength(0);
                    any = false;
                } else {
                    field.append(c);
                    any = true;
                }
            }
            if (any || !field.isEmpty()) {
                row.add(field.toString());
                rows.add(row);
            }
            return rows;
        }
    }
}

package dev.migrationreview.discovery;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A repository held in memory, for tests: path to text. */
public final class InMemoryFileTree implements FileTree {

    private final TreeMap<String, byte[]> files = new TreeMap<>();

    public static InMemoryFileTree of(Map<String, String> files) {
        var tree = new InMemoryFileTree();
        files.forEach((path, text) -> tree.files.put(path, text.getBytes(StandardCharsets.UTF_8)));
        return tree;
    }

    /** The files the change under test adds, also present in the tree, as the change's own view. */
    public List<SourceFile> sourceFiles(String... paths) {
        var result = new ArrayList<SourceFile>();
        for (String path : paths) {
            result.add(read(path).orElseThrow(() -> new IllegalArgumentException("no file " + path)));
        }
        return result;
    }

    @Override
    public Optional<SourceFile> read(String path) {
        byte[] content = files.get(path);
        return content == null ? Optional.empty() : Optional.of(new SourceFile(path, content));
    }

    @Override
    public List<String> list(String folder) {
        String prefix = folder.isEmpty() ? "" : folder + "/";
        return files.keySet().stream().filter(p -> p.startsWith(prefix)).toList();
    }
}

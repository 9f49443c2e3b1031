package dev.migrationreview.proof;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A query's plan as PostgreSQL's EXPLAIN (FORMAT JSON) gives it, reduced to what a regression
 * check compares: total cost and how each relation is scanned.
 */
public record QueryPlan(String json, double totalCost, List<Scan> scans) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One scan node: its type (Seq Scan, Index Scan, ...), relation and index when it uses one. */
    public record Scan(String nodeType, String relation, Optional<String> index) {
        boolean usesIndex() {
            return index.isPresent();
        }
    }

    public static QueryPlan explain(Connection connection, String sql) throws SQLException {
        try (var st = connection.createStatement(); var rs = st.executeQuery("EXPLAIN (FORMAT JSON) " + sql)) {
            rs.next();
            return parse(rs.getString(1));
        }
    }

    static QueryPlan parse(String json) {
        try {
            JsonNode plan = JSON.readTree(json).get(0).get("Plan");
            var scans = new ArrayList<Scan>();
            collectScans(plan, scans);
            return new QueryPlan(json, plan.path("Total Cost").asDouble(), scans);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("EXPLAIN returned no JSON plan", e);
        }
    }

    private static void collectScans(JsonNode node, List<Scan> out) {
        if (node.has("Relation Name")) {
            Optional<String> index = Optional.ofNullable(node.get("Index Name")).map(JsonNode::asText)
                    .or(() -> bitmapIndexBelow(node));
            out.add(new Scan(node.path("Node Type").asText(), node.path("Relation Name").asText(), index));
        } else if (node.has("Index Name")) {
            // Bitmap Index Scan names its index but not its relation; the Bitmap Heap Scan above names it.
            out.add(new Scan(node.path("Node Type").asText(), "", Optional.of(node.get("Index Name").asText())));
        }
        for (JsonNode child : node.path("Plans")) {
            collectScans(child, out);
        }
    }

    /** A Bitmap Heap Scan reads its relation through the index of the Bitmap Index Scan beneath it. */
    private static Optional<String> bitmapIndexBelow(JsonNode node) {
        for (JsonNode child : node.path("Plans")) {
            if (child.has("Index Name")) {
                return Optional.of(child.get("Index Name").asText());
            }
            var deeper = bitmapIndexBelow(child);
            if (deeper.isPresent()) {
                return deeper;
            }
        }
        return Optional.empty();
    }

    /**
     * Why {@code after} is worse than this plan, or empty: an index scan turned into a sequential
     * scan, an index used before is gone, or the cost grew past {@code costFactor}.
     */
    public List<String> regressionsTo(QueryPlan after, double costFactor, java.util.Set<String> indexesAfter) {
        var reasons = new ArrayList<String>();
        for (Scan before : scans) {
            before.index().filter(i -> !indexesAfter.contains(i)).ifPresent(i ->
                    reasons.add("index " + i + " used before the change no longer exists"));
            if (before.usesIndex() && !before.relation().isEmpty()) {
                boolean nowSequential = after.scans.stream().anyMatch(s -> s.relation().equals(before.relation()) && s.nodeType().equals("Seq Scan"))
                        && after.scans.stream().noneMatch(s -> s.relation().equals(before.relation()) && s.usesIndex());
                if (nowSequential) {
                    reasons.add(before.nodeType() + " on " + before.relation() + " became a Seq Scan");
                }
            }
        }
        if (totalCost > 0 && after.totalCost > totalCost * costFactor) {
            reasons.add(String.format(java.util.Locale.ROOT, "total cost grew from %.1f to %.1f (more than %.1fx)",
                    totalCost, after.totalCost, costFactor));
        }
        return reasons.stream().distinct().toList();
    }
}

package dev.migrationreview.config;

import dev.migrationreview.config.YamlNode.Entry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads the {@code proof:} section into a {@link ProofConfig}, reporting every problem with its line. */
final class ProofSections {

    static final String PROOF = "proof";
    static final List<String> KEYS = List.of(PROOF);
    static final List<String> PROOF_KEYS = List.of("mode", "server_url", "base_schema", "volume", "critical_queries",
            "cost_factor", "statement_timeout", "lock_timeout", "wall_clock");
    static final List<String> QUERY_KEYS = List.of("workflow", "name", "sql");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|sec|m|min|h)?");
    private static final Pattern COST_FACTOR = Pattern.compile("\\d{1,6}(\\.\\d{1,6})?");

    private final ConfigReading reading;

    ProofSections(ConfigReading reading) {
        this.reading = reading;
    }

    ProofConfig read(Map<String, YamlNode> settings) {
        ProofConfig defaults = ProofConfig.defaults();
        YamlNode value = settings.get(PROOF);
        if (value == null) {
            return defaults;
        }
        return reading.section(value, PROOF_KEYS, PROOF).map(proof -> new ProofConfig(
                Optional.ofNullable(proof.get("mode")).flatMap(this::mode).orElse(defaults.mode()),
                Optional.ofNullable(proof.get("server_url")).flatMap(v -> serverUrl(v)),
                Optional.ofNullable(proof.get("base_schema")).flatMap(v -> reading.repositoryPath(v, PROOF + ".base_schema")),
                Optional.ofNullable(proof.get("volume")).map(this::volume).orElse(Map.of()),
                Optional.ofNullable(proof.get("critical_queries")).map(this::queries).orElse(List.of()),
                Optional.ofNullable(proof.get("cost_factor")).flatMap(this::costFactor).orElse(defaults.costFactor()),
                duration(proof, "statement_timeout", defaults.statementTimeout()),
                duration(proof, "lock_timeout", defaults.lockTimeout()),
                duration(proof, "wall_clock", defaults.wallClock()))).orElse(defaults);
    }

    private Optional<ProofConfig.Mode> mode(YamlNode value) {
        return reading.text(value, PROOF + ".mode").flatMap(text -> {
            switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "always": return Optional.of(ProofConfig.Mode.ALWAYS);
                case "on-request": return Optional.of(ProofConfig.Mode.ON_REQUEST);
                case "never": return Optional.of(ProofConfig.Mode.NEVER);
                default:
                    reading.error(value.at(), "'proof.mode' must be always, on-request or never, found '" + text + "'");
                    return Optional.empty();
            }
        });
    }

    /** Only the URL's form is checked here: whether the bot may connect is the operator's allow-list, not the repository's. */
    private Optional<String> serverUrl(YamlNode value) {
        return reading.text(value, PROOF + ".server_url").filter(url -> {
            if (!url.startsWith("jdbc:postgresql://")) {
                reading.error(value.at(), "'proof.server_url' must be a jdbc:postgresql:// URL");
                return false;
            }
            return true;
        });
    }

    private Map<String, Long> volume(YamlNode value) {
        var rows = new LinkedHashMap<String, Long>();
        for (Entry entry : reading.entries(value, PROOF + ".volume", "table names to row counts")) {
            reading.number(entry.value(), PROOF + ".volume." + entry.key(), 0).ifPresent(n -> rows.put(entry.key(), n));
        }
        return rows;
    }

    private List<ProofConfig.CriticalQuery> queries(YamlNode value) {
        var queries = new ArrayList<ProofConfig.CriticalQuery>();
        for (YamlNode item : reading.items(value, PROOF + ".critical_queries")) {
            reading.section(item, QUERY_KEYS, PROOF + ".critical_queries[]").ifPresent(query -> {
                Optional<String> workflow = Optional.ofNullable(query.get("workflow")).flatMap(v -> reading.text(v, "workflow"));
                Optional<String> name = Optional.ofNullable(query.get("name")).flatMap(v -> reading.text(v, "name"));
                Optional<String> sql = Optional.ofNullable(query.get("sql")).flatMap(v -> reading.text(v, "sql"));
                if (name.isEmpty() || sql.isEmpty()) {
                    reading.error(item.at(), "a critical query needs a 'name' and its 'sql'");
                } else {
                    queries.add(new ProofConfig.CriticalQuery(workflow.orElse("unnamed workflow"), name.get(), sql.get()));
                }
            });
        }
        return queries;
    }

    private Optional<Double> costFactor(YamlNode value) {
        return reading.scalar(value, PROOF + ".cost_factor").flatMap(scalar -> {
            String text = scalar.text().strip();
            if (COST_FACTOR.matcher(text).matches() && Double.parseDouble(text) >= 1.0) {
                return Optional.of(Double.parseDouble(text));
            }
            reading.error(scalar.at(), "'proof.cost_factor' must be a number of at least 1, found " + YamlNode.describe(scalar));
            return Optional.empty();
        });
    }

    private Duration duration(Map<String, YamlNode> proof, String key, Duration otherwise) {
        YamlNode value = proof.get(key);
        if (value == null) {
            return otherwise;
        }
        return reading.scalar(value, PROOF + "." + key).flatMap(scalar -> {
            var matcher = DURATION.matcher(scalar.text().strip().toLowerCase(Locale.ROOT));
            if (matcher.matches()) {
                long amount = Long.parseLong(matcher.group(1));
                String unit = matcher.group(2) == null ? "s" : matcher.group(2);
                return Optional.of(switch (unit) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "m", "min" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofSeconds(amount);
                });
            }
            reading.error(scalar.at(), "'proof." + key + "' must be a duration such as 500ms, 30s or 5min, found "
                    + YamlNode.describe(scalar));
            return Optional.empty();
        }).orElse(otherwise);
    }
}

package dev.migrationreview.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validates a document against the JSON Schema keywords docs/migration-review.schema.json uses
 * ($ref, type, enum, properties, additionalProperties, propertyNames, required, items, oneOf,
 * anyOf, pattern, minimum, minLength, maxLength), so the shipped example is checked against the
 * shipped schema without a validator dependency.
 */
final class JsonSchemaSubset {

    private final JsonNode root;

    JsonSchemaSubset(JsonNode root) {
        this.root = root;
    }

    /** Every violation as "path: what", empty when the document is valid. */
    List<String> validate(JsonNode document) {
        var errors = new ArrayList<String>();
        check(root, document, "$", errors);
        return errors;
    }

    private void check(JsonNode schema, JsonNode value, String path, List<String> errors) {
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalArgumentException("only local references are supported: " + ref);
            }
            check(root.at(ref.substring(1)), value, path, errors);
        }
        if (schema.has("type") && !typeMatches(schema.get("type"), value)) {
            errors.add(path + ": expected " + schema.get("type") + ", found " + value.getNodeType());
            return;
        }
        if (schema.has("enum") && !contains(schema.get("enum"), value)) {
            errors.add(path + ": " + value + " is not one of " + schema.get("enum"));
        }
        if (value.isTextual()) {
            String text = value.asText();
            if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(text).find()) {
                errors.add(path + ": '" + text + "' does not match " + schema.get("pattern").asText());
            }
            if (schema.has("minLength") && text.length() < schema.get("minLength").asInt()) {
                errors.add(path + ": shorter than " + schema.get("minLength"));
            }
            if (schema.has("maxLength") && text.length() > schema.get("maxLength").asInt()) {
                errors.add(path + ": longer than " + schema.get("maxLength"));
            }
        }
        if (value.isNumber() && schema.has("minimum") && value.asDouble() < schema.get("minimum").asDouble()) {
            errors.add(path + ": below " + schema.get("minimum"));
        }
        if (value.isObject()) {
            object(schema, value, path, errors);
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(schema.get("items"), value.get(i), path + "[" + i + "]", errors);
            }
        }
        if (schema.has("oneOf")) {
            long passing = count(schema.get("oneOf"), value, path);
            if (passing != 1) {
                errors.add(path + ": matches " + passing + " of the oneOf alternatives, not exactly one");
            }
        }
        if (schema.has("anyOf") && count(schema.get("anyOf"), value, path) == 0) {
            errors.add(path + ": matches none of the anyOf alternatives");
        }
    }

    private void object(JsonNode schema, JsonNode value, String path, List<String> errors) {
        if (schema.has("required")) {
            schema.get("required").forEach(r -> {
                if (!value.has(r.asText())) {
                    errors.add(path + ": '" + r.asText() + "' is required");
                }
            });
        }
        JsonNode properties = schema.path("properties");
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            var field = it.next();
            String at = path + "." + field.getKey();
            if (schema.has("propertyNames")) {
                check(schema.get("propertyNames"), com.fasterxml.jackson.databind.node.TextNode.valueOf(field.getKey()), at, errors);
            }
            if (properties.has(field.getKey())) {
                check(properties.get(field.getKey()), field.getValue(), at, errors);
            } else if (schema.has("additionalProperties")) {
                JsonNode additional = schema.get("additionalProperties");
                if (additional.isBoolean() && !additional.asBoolean()) {
                    errors.add(at + ": not allowed here");
                } else if (additional.isObject()) {
                    check(additional, field.getValue(), at, errors);
                }
            }
        }
    }

    private long count(JsonNode alternatives, JsonNode value, String path) {
        long passing = 0;
        for (JsonNode alternative : alternatives) {
            var errors = new ArrayList<String>();
            check(alternative, value, path, errors);
            passing += errors.isEmpty() ? 1 : 0;
        }
        return passing;
    }

    private static boolean typeMatches(JsonNode type, JsonNode value) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (typeMatches(t, value)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "boolean" -> value.isBoolean();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "null" -> value.isNull();
            default -> throw new IllegalArgumentException("unknown type " + type);
        };
    }

    private static boolean contains(JsonNode options, JsonNode value) {
        for (JsonNode option : options) {
            if (option.equals(value)) {
                return true;
            }
        }
        return false;
    }
}

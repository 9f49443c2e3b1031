package dev.migrationreview.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Edits of a JSON document: values of the wrong type, fields removed, extreme numbers, and raw
 * text spliced in where Jackson could not write it (invalid UTF-8, lone surrogates, nesting deeper
 * than Jackson writes).
 */
public final class JsonMutations {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A place a value sits at: a field of an object, or an element of an array. */
    public record Slot(JsonNode parent, String field, int index) {

        public JsonNode value() {
            return parent instanceof ObjectNode object ? object.get(field) : parent.get(index);
        }

        public void set(JsonNode value) {
            if (parent instanceof ObjectNode object) {
                object.set(field, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }

        public void remove() {
            if (parent instanceof ObjectNode object) {
                object.remove(field);
            } else {
                ((ArrayNode) parent).remove(index);
            }
        }

        public String describe() {
            return parent instanceof ObjectNode ? field : "[" + index + "]";
        }
    }

    /** A document being edited, with raw pieces to splice in when it is written. */
    public static final class Document {
        private final JsonNode root;
        private final Map<String, byte[]> raw = new LinkedHashMap<>();

        public Document(byte[] json) {
            try {
                this.root = JSON.readTree(json);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public JsonNode root() {
            return root;
        }

        /** Every slot in the document, parents before children. */
        public List<Slot> slots() {
            var slots = new ArrayList<Slot>();
            collect(root, slots);
            return slots;
        }

        /** The slot a dotted path names ({@code pull_request.head.sha}), when the document has it. */
        public Optional<Slot> slot(String path) {
            JsonNode parent = root;
            String[] names = path.split("\\.");
            for (int i = 0; i < names.length - 1; i++) {
                parent = parent.path(names[i]);
            }
            return parent instanceof ObjectNode object && object.has(names[names.length - 1])
                    ? Optional.of(new Slot(object, names[names.length - 1], -1)) : Optional.empty();
        }

        /** Writes {@code text} into the slot exactly as given, bytes and all, when the document is written. */
        public void spliceRaw(Slot slot, byte[] text) {
            String marker = "FUZZRAW" + raw.size() + "X";
            raw.put("\"" + marker + "\"", text);
            slot.set(NODES.textNode(marker));
        }

        public byte[] bytes() {
            try {
                byte[] written = JSON.writeValueAsBytes(root);
                for (var piece : raw.entrySet()) {
                    written = replace(written, piece.getKey().getBytes(StandardCharsets.UTF_8), piece.getValue());
                }
                return written;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private JsonMutations() {}

    private static void collect(JsonNode node, List<Slot> slots) {
        if (node instanceof ObjectNode object) {
            for (String field : fieldNames(object)) {
                slots.add(new Slot(object, field, -1));
                collect(object.get(field), slots);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                slots.add(new Slot(array, null, i));
                collect(array.get(i), slots);
            }
        }
    }

    private static List<String> fieldNames(ObjectNode object) {
        var names = new ArrayList<String>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A value of another type than {@code original}: a number as a string, an object as an array, null, ... */
    public static JsonNode wrongType(JsonNode original, Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> original.isValueNode() ? NODES.textNode(original.asText()) : NODES.textNode(original.toString());
            case 1 -> original.isTextual() ? NODES.numberNode(original.asText().length()) : NODES.numberNode(7);
            case 2 -> original instanceof ObjectNode object ? arrayOfValues(object) : NODES.arrayNode().add(original.deepCopy());
            case 3 -> original instanceof ArrayNode array ? objectOfElements(array) : NODES.objectNode().set("value", original.deepCopy());
            case 4 -> NODES.nullNode();
            case 5 -> NODES.booleanNode(random.nextBoolean());
            case 6 -> NODES.textNode("");
            default -> NODES.arrayNode();
        };
    }

    /** Numbers at and past the edges of what an int, a long and a double hold. */
    public static JsonNode extremeNumber(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> NODES.numberNode(-1);
            case 1 -> NODES.numberNode(0);
            case 2 -> NODES.numberNode(Integer.MAX_VALUE + 1L);
            case 3 -> NODES.numberNode(Long.MAX_VALUE);
            case 4 -> NODES.numberNode(Long.MIN_VALUE);
            case 5 -> NODES.numberNode(BigInteger.TWO.pow(64 + random.nextInt(2000)));
            case 6 -> NODES.numberNode(1e308);
            case 7 -> NODES.numberNode(-1.5);
            case 8 -> NODES.numberNode(Integer.MIN_VALUE);
            default -> NODES.numberNode(new java.math.BigDecimal("1e-400"));
        };
    }

    /** {@code depth} arrays (or objects) inside each other, as JSON text. */
    public static byte[] nested(int depth, boolean objects, boolean closed) {
        var out = new ByteArrayOutputStream(depth * 6);
        byte[] open = (objects ? "{\"a\":" : "[").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < depth; i++) {
            out.writeBytes(open);
        }
        out.writeBytes("1".getBytes(StandardCharsets.UTF_8));
        if (closed) {
            byte close = (byte) (objects ? '}' : ']');
            for (int i = 0; i < depth; i++) {
                out.write(close);
            }
        }
        return out.toByteArray();
    }

    private static ArrayNode arrayOfValues(ObjectNode object) {
        ArrayNode array = NODES.arrayNode();
        object.elements().forEachRemaining(value -> array.add(value.deepCopy()));
        return array;
    }

    private static ObjectNode objectOfElements(ArrayNode array) {
        ObjectNode object = NODES.objectNode();
        for (int i = 0; i < array.size(); i++) {
            object.set(Integer.toString(i), array.get(i).deepCopy());
        }
        return object;
    }

    private static byte[] replace(byte[] data, byte[] target, byte[] replacement) {
        int at = indexOf(data, target);
        if (at < 0) {
            return data;
        }
        var out = new ByteArrayOutputStream(data.length + replacement.length);
        out.write(data, 0, at);
        out.writeBytes(replacement);
        out.write(data, at + target.length, data.length - at - target.length);
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] target) {
        outer:
        for (int i = 0; i + target.length <= data.length; i++) {
            for (int j = 0; j < target.length; j++) {
                if (data[i + j] != target[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

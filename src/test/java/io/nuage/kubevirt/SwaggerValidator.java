package io.nuage.kubevirt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Checks a Kubernetes object, as Fabric8 serializes it, against an upstream OpenAPI schema:
 * unknown fields, JSON types, required fields, enums, int32 range, base64 bytes and the
 * Kubernetes quantity grammar. Definitions come from a swagger 2.0 document ({@link #swagger})
 * whose {@code $ref}s stay inside its own definitions, or from the openAPIV3Schema of a CRD
 * ({@link #crd}). Made for tests: it returns every violation with its JSON path.
 */
final class SwaggerValidator {

    /** Kubernetes' quantity grammar (apimachinery resource.Quantity). */
    private static final Pattern QUANTITY = Pattern.compile(
            "[+-]?(\\d+(\\.\\d*)?|\\.\\d+)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E|[eE][+-]?\\d+)?");
    private static final String REF_PREFIX = "#/definitions/";
    private static final KubernetesSerialization FABRIC8 = new KubernetesSerialization();

    private final Map<String, JsonNode> definitions;

    private SwaggerValidator(Map<String, JsonNode> definitions) {
        this.definitions = definitions;
    }

    /** The definitions of a swagger 2.0 JSON document, by name (e.g. {@code v1.VirtualMachine}). */
    static SwaggerValidator swagger(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        return new SwaggerValidator(fields(root.path("definitions")));
    }

    /**
     * The schema of each served version of a CRD file, named {@code <group>/<version>.<Kind>}
     * (e.g. {@code k8s.cni.cncf.io/v1.NetworkAttachmentDefinition}). The API server accepts
     * apiVersion, kind and metadata on every custom resource whether the schema lists them or
     * not, and validates metadata itself: they are added, metadata free-form.
     */
    static SwaggerValidator crd(Path file) throws IOException {
        Map<String, JsonNode> definitions = new LinkedHashMap<>();
        ObjectMapper yaml = new YAMLMapper();
        for (JsonNode doc : yaml.readValues(new YAMLFactory().createParser(file.toFile()), JsonNode.class).readAll()) {
            JsonNode spec = doc.path("spec");
            String kind = spec.path("names").path("kind").asText();
            for (JsonNode version : spec.path("versions")) {
                ObjectNode schema = version.path("schema").path("openAPIV3Schema").deepCopy();
                ObjectNode properties = schema.withObject("properties");
                properties.putIfAbsent("apiVersion", properties.objectNode().put("type", "string"));
                properties.putIfAbsent("kind", properties.objectNode().put("type", "string"));
                properties.set("metadata", properties.objectNode().put("type", "object")
                        .put("x-kubernetes-preserve-unknown-fields", true));
                definitions.put(spec.path("group").asText() + "/" + version.path("name").asText() + "." + kind, schema);
            }
        }
        return new SwaggerValidator(definitions);
    }

    boolean has(String definition) {
        return definitions.containsKey(definition);
    }

    /** Violations of {@code object}, serialized by Fabric8's default serialization. */
    List<String> validate(Object object, String definition) {
        return validateJson(FABRIC8.asJson(object), definition);
    }

    List<String> validateJson(String json, String definition) {
        JsonNode node = FABRIC8.unmarshal(json, JsonNode.class);
        List<String> errors = new ArrayList<>();
        check(node, ref(definition), definition, "$", errors);
        return errors;
    }

    private JsonNode ref(String name) {
        JsonNode schema = definitions.get(name);
        if (schema == null) {
            throw new IllegalArgumentException("no definition " + name);
        }
        return schema;
    }

    private void check(JsonNode value, JsonNode schema, String name, String path, List<String> errors) {
        if (schema.has("$ref")) {
            String target = schema.get("$ref").asText();
            if (!target.startsWith(REF_PREFIX)) {
                throw new IllegalArgumentException("unsupported $ref " + target + " at " + path);
            }
            String refName = target.substring(REF_PREFIX.length());
            check(value, ref(refName), refName, path, errors);
            return;
        }
        if (value.isNull()) {
            if (!schema.path("nullable").asBoolean(false)) {
                errors.add(path + ": null is not allowed");
            }
            return;
        }
        if (!typeMatches(value, schema)) {
            errors.add(path + ": expected " + schema.get("type") + " but was " + value.getNodeType());
            return;
        }
        if (isQuantity(name) && !QUANTITY.matcher(value.asText()).matches()) {
            errors.add(path + ": invalid quantity '" + value.asText() + "'");
        }
        checkFormatAndEnum(value, schema, path, errors);
        if (value.isObject()) {
            checkObject((ObjectNode) value, schema, name, path, errors);
        } else if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(value.get(i), schema.get("items"), null, path + "[" + i + "]", errors);
            }
        }
    }

    private void checkObject(ObjectNode value, JsonNode schema, String name, String path, List<String> errors) {
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                errors.add(path + ": missing required field '" + required.asText() + "'");
            }
        }
        if (freeForm(schema, name)) {
            return;
        }
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.get("additionalProperties");
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String fieldPath = path + "." + field.getKey();
            if (properties.has(field.getKey())) {
                check(field.getValue(), properties.get(field.getKey()), null, fieldPath, errors);
            } else if (additional != null && additional.isObject()) {
                check(field.getValue(), additional, null, fieldPath, errors);
            } else if (additional == null || !additional.asBoolean()) {
                errors.add(fieldPath + ": unknown field");
            }
        }
    }

    /** Schemas that take any content: raw extensions, managed fields, preserve-unknown-fields. */
    private static boolean freeForm(JsonNode schema, String name) {
        if (schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            return true;
        }
        return name != null && (name.endsWith("runtime.RawExtension") || name.endsWith("meta.v1.FieldsV1")
                || name.endsWith("apiextensions.v1.JSON"));
    }

    private static boolean isQuantity(String name) {
        return name != null && (name.equals("resource.Quantity") || name.endsWith(".resource.Quantity"));
    }

    private static boolean typeMatches(JsonNode value, JsonNode schema) {
        if (schema.path("format").asText().equals("int-or-string")
                || schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            return value.isTextual() || value.isIntegralNumber();
        }
        JsonNode type = schema.get("type");
        if (type == null) {
            // No type: an object if it lists properties, otherwise anything goes.
            return !schema.has("properties") || value.isObject();
        }
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (isType(value, t.asText())) {
                    return true;
                }
            }
            return false;
        }
        return isType(value, type.asText());
    }

    private static boolean isType(JsonNode value, String type) {
        return switch (type) {
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            default -> throw new IllegalArgumentException("unsupported schema type " + type);
        };
    }

    private static void checkFormatAndEnum(JsonNode value, JsonNode schema, String path, List<String> errors) {
        String format = schema.path("format").asText();
        if (format.equals("int32") && value.isIntegralNumber() && !value.canConvertToInt()) {
            errors.add(path + ": out of int32 range");
        }
        if (format.equals("byte") && value.isTextual()) {
            try {
                Base64.getDecoder().decode(value.asText());
            } catch (IllegalArgumentException e) {
                errors.add(path + ": not base64");
            }
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode allowed : schema.get("enum")) {
                listed |= allowed.equals(value);
            }
            if (!listed) {
                errors.add(path + ": '" + value.asText() + "' is not one of " + schema.get("enum"));
            }
        }
    }

    private static Map<String, JsonNode> fields(JsonNode node) {
        Map<String, JsonNode> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue()));
        return map;
    }
}

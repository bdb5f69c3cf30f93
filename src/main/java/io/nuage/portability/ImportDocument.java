package io.nuage.portability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.nuage.errors.FieldError;
import io.nuage.errors.NuageError;

/**
 * An export document received for an import, spooled to a file so that it is read twice and never held whole: first
 * {@link #check}ed from end to end (its format, version and the shape of every section, 422 naming the field before
 * anything is created), then read a section at a time, one row in memory at once.
 */
public final class ImportDocument {

    /** Where the document comes from: the tenant it was exported from, and when. */
    public record Source(String tenant, UUID tenantId, Instant exportedAt) {
    }

    private final Path file;
    private final ObjectMapper json;

    private ImportDocument(Path file, ObjectMapper json) {
        this.file = file;
        this.json = json;
    }

    /** The document in {@code file}, checked: 422 {@code unsupported_export} or {@code malformed_export} naming the field. */
    public static ImportDocument check(Path file, ObjectMapper json) {
        ImportDocument d = new ImportDocument(file, json);
        d.source();
        return d;
    }

    /** Its header and tenant, after a pass over every section's shape. */
    public Source source() {
        String format = null;
        Integer version = null;
        Instant exportedAt = null;
        JsonNode tenant = null;
        try (JsonParser p = json.getFactory().createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw malformed("", "the document must be a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (!ExportFormat.known(field)) {
                    // As for any body: an unknown field is a 400 naming it (a typo must fail loudly).
                    throw NuageError.invalid("unknown_field", "Unknown field '" + field + "'", List.of(new FieldError(field,
                            "unknown field in a version " + ExportFormat.VERSION + " document")));
                }
                switch (field) {
                    case "format" -> format = value == JsonToken.VALUE_STRING ? p.getText() : "";
                    // A number beyond an int is no version this Nuage reads either (getIntValue would throw).
                    case "version" -> version = value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT
                            ? p.getIntValue() : -1;
                    case "exported_at" -> exportedAt = instant(value == JsonToken.VALUE_STRING ? p.getText() : "");
                    case "tenant" -> tenant = refuseNul(p.readValueAsTree(), "tenant");
                    default -> rows(p, field);
                }
            }
        } catch (JsonParseException e) {
            throw malformed(e.getProcessor() == null ? "" : where(e.getProcessor()), "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!ExportFormat.FORMAT.equals(format)) {
            throw unsupported("format", "must be \"" + ExportFormat.FORMAT + "\"");
        }
        if (version == null || version != ExportFormat.VERSION) {
            throw unsupported("version", "must be " + ExportFormat.VERSION + ", the version this Nuage reads");
        }
        if (exportedAt == null) {
            throw malformed("exported_at", "required: an RFC 3339 time");
        }
        if (tenant == null || !tenant.path("name").isTextual() || uuid(tenant.path("id").asText()) == null) {
            throw malformed("tenant", "required: an object with the source tenant's name and id");
        }
        return new Source(tenant.get("name").asText(), uuid(tenant.get("id").asText()), exportedAt);
    }

    /** Each row of the top-level array {@code section}, in order; none when the document has no such section. */
    public void each(String section, Consumer<ObjectNode> row) {
        try (JsonParser p = json.getFactory().createParser(file.toFile())) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (!field.equals(section)) {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    row.accept(p.readValueAsTree());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A section: an array of objects, each read (one at a time) for its text. */
    private static void rows(JsonParser p, String field) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw malformed(field, "must be an array");
        }
        int i = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) {
                throw malformed(field + "[" + i + "]", "must be an object");
            }
            refuseNul(p.readValueAsTree(), field + "[" + i + "]");
            i++;
        }
    }

    /**
     * PostgreSQL's text cannot hold the NUL character (U+0000): a document with one, in a value or a name, is refused
     * here, naming where, before anything is created.
     */
    private static JsonNode refuseNul(JsonNode node, String where) {
        if (node.isTextual() && node.textValue().indexOf('\u0000') >= 0) {
            throw malformed(where, "contains the NUL character (U+0000)");
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                refuseNul(node.get(i), where + "[" + i + "]");
            }
        }
        node.fields().forEachRemaining(f -> {
            if (f.getKey().indexOf('\u0000') >= 0) {
                throw malformed(where, "has a name that contains the NUL character (U+0000)");
            }
            refuseNul(f.getValue(), where + "." + f.getKey());
        });
        return node;
    }

    private static String where(Object processor) {
        return processor instanceof JsonParser p ? p.getParsingContext().pathAsPointer().toString() : "";
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static UUID uuid(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static NuageError malformed(String field, String message) {
        return NuageError.rejectedField("malformed_export", "The document is not a tenant export: " + field + " " + message,
                new FieldError(field, message));
    }

    private static NuageError unsupported(String field, String message) {
        return NuageError.rejectedField("unsupported_export", "This Nuage reads " + ExportFormat.FORMAT + " version "
                + ExportFormat.VERSION + " documents: " + field + " " + message, new FieldError(field, message));
    }
}

package io.nuage.portability;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.sqlclient.data.Numeric;

/**
 * A database row as a JSON object, column by column, named as the query names them: times in RFC 3339 UTC, bytea in
 * hex (as the audit log shows hashes), jsonb as JSON. A field added to a section is a column added to its query.
 */
final class RowWriter {

    private RowWriter() {
    }

    static void write(Row row, JsonGenerator g, ObjectMapper json) throws IOException {
        g.writeStartObject();
        for (int i = 0; i < row.size(); i++) {
            g.writeFieldName(row.getColumnName(i));
            value(row.getValue(i), g, json);
        }
        g.writeEndObject();
    }

    private static void value(Object v, JsonGenerator g, ObjectMapper json) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof OffsetDateTime t) {
            g.writeString(t.toInstant().truncatedTo(ChronoUnit.MICROS).toString());
        } else if (v instanceof LocalDate d) {
            g.writeString(d.toString());
        } else if (v instanceof Buffer b) {
            g.writeString(HexFormat.of().formatHex(b.getBytes()));
        } else if (v instanceof JsonObject o) {
            json.writeValue(g, o.getMap());
        } else if (v instanceof JsonArray a) {
            json.writeValue(g, a.getList());
        } else if (v instanceof Numeric n) {
            g.writeNumber(n.bigDecimalValue() != null ? n.bigDecimalValue() : BigDecimal.valueOf(n.doubleValue()));
        } else if (v instanceof Number || v instanceof Boolean || v instanceof String) {
            json.writeValue(g, v);
        } else if (v instanceof Object[] array) {
            g.writeStartArray();
            for (Object e : array) {
                value(e, g, json);
            }
            g.writeEndArray();
        } else {
            g.writeString(v.toString());
        }
    }
}

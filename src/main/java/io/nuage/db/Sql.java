package io.nuage.db;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.pgclient.PgException;

/** Small conversions between Java values and PostgreSQL columns. */
public final class Sql {

    /** How long a blocking caller (a reconcile pass, a scheduled job) waits for one statement. */
    public static final Duration AWAIT = Duration.ofSeconds(30);

    /** SQLSTATE of a unique-constraint violation. */
    public static final String UNIQUE_VIOLATION = "23505";

    private Sql() {
    }

    public static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(Row row, String column) {
        OffsetDateTime t = row.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }

    public static JsonObject json(Map<String, String> map) {
        return new JsonObject(map == null ? Map.of() : Map.copyOf(map));
    }

    /** A JSON object of strings as a sorted map, so responses list labels in a stable order. */
    public static Map<String, String> stringMap(Row row, String column) {
        JsonObject json = row.getJsonObject(column);
        Map<String, String> map = new TreeMap<>();
        if (json != null) {
            json.forEach(e -> map.put(e.getKey(), String.valueOf(e.getValue())));
        }
        return map;
    }

    public static boolean isUniqueViolation(Throwable failure) {
        return failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState());
    }
}

package io.nuage.db;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.vertx.core.json.JsonObject;

/**
 * What a list keeps besides its tenant and its page: a label selector (Kubernetes' semantics), phases, a window of
 * creation times. Written as SQL conditions on the list's own statement, so PostgreSQL filters with its indexes (a
 * GIN index on {@code labels} answers {@code @>} and {@code ?}), never a scan in Java.
 */
public record ListFilter(List<Requirement> labels, List<String> phases, Instant createdAfter, Instant createdBefore) {

    public static final ListFilter NONE = new ListFilter(List.of(), List.of(), null, null);

    /** One requirement of a selector: {@code key=v}, {@code key!=v}, {@code key in (a,b)}, {@code key notin (a,b)}, {@code key}, {@code !key}. */
    public record Requirement(String key, Op op, List<String> values) {
    }

    public enum Op {
        EQUALS, NOT_EQUALS, IN, NOT_IN, EXISTS, NOT_EXISTS
    }

    /**
     * The conditions, each preceded by {@code AND}, on the columns {@code labels}, {@code phase} and
     * {@code created_at} of the table named (or aliased) {@code table}. {@code params} holds the statement's own
     * parameters; the conditions' are added after them, numbered on.
     */
    public String sql(String table, List<Object> params) {
        String labels = table + ".labels";
        StringBuilder sql = new StringBuilder();
        for (Requirement r : this.labels) {
            String key = "$" + (params.size() + 1);
            switch (r.op()) {
                case EQUALS -> {
                    params.add(new JsonObject(Map.of(r.key(), r.values().get(0))));
                    sql.append(" AND " + labels + " @> ").append(key).append("::jsonb");
                }
                case NOT_EQUALS -> {
                    // Kubernetes: an object without the key matches too.
                    params.add(new JsonObject(Map.of(r.key(), r.values().get(0))));
                    sql.append(" AND NOT " + labels + " @> ").append(key).append("::jsonb");
                }
                case IN -> {
                    params.add(r.key());
                    params.add(r.values().toArray(String[]::new));
                    sql.append(" AND " + labels + " ? ").append(key).append(" AND " + labels + " ->> ").append(key)
                            .append(" = ANY($").append(params.size()).append(")");
                }
                case NOT_IN -> {
                    params.add(r.key());
                    params.add(r.values().toArray(String[]::new));
                    sql.append(" AND (NOT " + labels + " ? ").append(key).append(" OR ").append(labels).append(" ->> ").append(key)
                            .append(" <> ALL($").append(params.size()).append("))");
                }
                case EXISTS -> {
                    params.add(r.key());
                    sql.append(" AND " + labels + " ? ").append(key);
                }
                case NOT_EXISTS -> {
                    params.add(r.key());
                    sql.append(" AND NOT " + labels + " ? ").append(key);
                }
            }
        }
        if (!phases.isEmpty()) {
            params.add(phases.toArray(String[]::new));
            sql.append(" AND " + table + ".phase = ANY($").append(params.size()).append(")");
        }
        if (createdAfter != null) {
            params.add(Sql.timestamp(createdAfter));
            sql.append(" AND " + table + ".created_at > $").append(params.size());
        }
        if (createdBefore != null) {
            params.add(Sql.timestamp(createdBefore));
            sql.append(" AND " + table + ".created_at < $").append(params.size());
        }
        return sql.toString();
    }
}

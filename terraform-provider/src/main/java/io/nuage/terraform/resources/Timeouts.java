package io.nuage.terraform.resources;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.nuage.terraform.cty.Type;
import io.nuage.terraform.schema.Attr;
import io.nuage.terraform.schema.Schema;
import io.nuage.terraform.schema.Values;

/** The {@code timeouts} block: how long create and delete wait for the resource, as "30s", "10m", "1h30m". */
public final class Timeouts {

    public static final List<Attr> ATTRIBUTES = List.of(
            Attr.optional("create", Type.STRING, "How long create waits for the resource to be ready (default 10m)"),
            Attr.optional("delete", Type.STRING, "How long delete waits for the resource to be gone (default 10m)"));

    private static final Duration DEFAULT = Duration.ofMinutes(10);
    private static final Pattern PART = Pattern.compile("(\\d+)(h|m|s)");

    private Timeouts() {
    }

    public static Duration create(Map<String, Object> state) {
        return parse(Values.string(Values.get(state, Schema.TIMEOUTS), "create"));
    }

    public static Duration delete(Map<String, Object> state) {
        return parse(Values.string(Values.get(state, Schema.TIMEOUTS), "delete"));
    }

    /** Null for a well-formed duration, else why not. */
    public static String invalid(Object text) {
        if (!(text instanceof String s)) {
            return null;
        }
        return s.matches("((\\d+)(h|m|s))+") ? null : "\"" + s + "\" is not a duration such as 30s, 10m or 1h30m";
    }

    static Duration parse(String text) {
        if (text == null || invalid(text) != null) {
            return DEFAULT;
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(text);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            });
        }
        return total;
    }
}

package io.nuage.terraform.schema;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Comparisons of values as Terraform makes them: numbers by value (2 equals 2.0), collections element by element. */
public final class Values {

    private Values() {
    }

    public static boolean equal(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!equal(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (!x.keySet().equals(y.keySet())) {
                return false;
            }
            return x.keySet().stream().allMatch(k -> equal(x.get(k), y.get(k)));
        }
        return a.equals(b);
    }

    /** The attribute of an object value, or null when the object itself is null or unknown. */
    public static Object get(Object object, String name) {
        return object instanceof Map<?, ?> map ? map.get(name) : null;
    }

    public static String string(Object object, String name) {
        Object value = get(object, name);
        return value instanceof String s ? s : null;
    }
}

package io.nuage.api;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.nuage.db.ListFilter.Op;
import io.nuage.db.ListFilter.Requirement;

/**
 * Label selectors in Kubernetes' syntax: requirements separated by commas, each {@code key=value} (or {@code ==}),
 * {@code key!=value}, {@code key in (a,b)}, {@code key notin (a,b)}, {@code key} (has it) or {@code !key} (has it
 * not); all must hold. A malformed one answers 400 naming the parameter.
 */
final class LabelSelectors {

    /** Room for any real selector; a longer one is refused rather than planned. */
    static final int MAX_LENGTH = 1024;
    private static final Pattern SET = Pattern.compile("(\\S+)\\s+(in|notin)\\s*\\(([^()]*)\\)");
    private static final Pattern COMPARE = Pattern.compile("([^=!\\s]+)\\s*(==|=|!=)\\s*(\\S*)");

    private LabelSelectors() {
    }

    static List<Requirement> parse(Checks checks, String name, String selector) {
        List<Requirement> out = new ArrayList<>();
        if (selector == null || selector.isBlank()) {
            return out;
        }
        if (selector.length() > MAX_LENGTH) {
            checks.check(false, name, "at most " + MAX_LENGTH + " characters");
            return out;
        }
        for (String part : split(selector)) {
            Requirement r = requirement(part.trim());
            boolean ok = r != null && Checks.labelKey(r.key()) && r.values().stream().allMatch(Checks::labelValue);
            checks.check(ok, name, "'" + part.trim() + "' is not a requirement: key=value, key!=value, key in (a,b),"
                    + " key notin (a,b), key or !key, with Kubernetes label keys and values");
            if (ok) {
                out.add(r);
            }
        }
        return out;
    }

    private static Requirement requirement(String text) {
        if (text.startsWith("!")) {
            return new Requirement(text.substring(1).trim(), Op.NOT_EXISTS, List.of());
        }
        Matcher set = SET.matcher(text);
        if (set.matches()) {
            List<String> values = new ArrayList<>();
            for (String v : set.group(3).split(",", -1)) {
                values.add(v.trim());
            }
            return new Requirement(set.group(1), set.group(2).equals("in") ? Op.IN : Op.NOT_IN, values);
        }
        Matcher compare = COMPARE.matcher(text);
        if (compare.matches()) {
            return new Requirement(compare.group(1), compare.group(2).equals("!=") ? Op.NOT_EQUALS : Op.EQUALS,
                    List.of(compare.group(3)));
        }
        return text.isEmpty() || text.contains(" ") || text.contains("(") ? null : new Requirement(text, Op.EXISTS, List.of());
    }

    /** The requirements: commas inside a set's parentheses belong to the set. */
    private static List<String> split(String selector) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < selector.length(); i++) {
            char c = selector.charAt(i);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (c == ',' && depth == 0) {
                parts.add(selector.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(selector.substring(start));
        return parts;
    }
}

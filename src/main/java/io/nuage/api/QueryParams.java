package io.nuage.api;

import java.time.Instant;
import java.time.YearMonth;
import java.util.regex.Pattern;

/**
 * The one parser of query parameters, as strict as {@link StrictJson} is with bodies: a boolean is {@code true} or
 * {@code false}, an integer is digits within its range, a time is an RFC 3339 date-time, a month is {@code yyyy-MM}.
 * Resources declare their query parameters as strings and read them here: JAX-RS would read any text but "true" as a
 * {@code false} boolean, and answer a failed conversion with a bare 404. Each refusal is recorded in a {@link Checks},
 * so it answers 400 validation_failed naming the parameter, with the other bad parameters of the request. A parameter
 * that is absent takes its default, and so does an empty one ({@code ?limit=}): RESTEasy hands both over as null, and
 * scripts that pass back an empty {@code next_page_token} as {@code ?page_token=} rely on it.
 */
final class QueryParams {

    /** A calendar month, as the OpenAPI document shows it and as it is read. */
    static final String MONTH_PATTERN = "^[0-9]{4}-(0[1-9]|1[0-2])$";
    private static final Pattern MONTH = Pattern.compile(MONTH_PATTERN);
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    /** More digits than this cannot be an int; such a value is out of any range here, not a failure to parse. */
    private static final int INT_DIGITS = 9;

    private QueryParams() {
    }

    /** A whole number from {@code min} to {@code max}; {@code absent} when the parameter is not given. */
    static int integer(Checks checks, String name, String value, int min, int max, int absent) {
        if (value == null) {
            return absent;
        }
        boolean digits = DIGITS.matcher(value).matches();
        int n = digits && value.length() <= INT_DIGITS ? Integer.parseInt(value) : -1;
        boolean ok = digits && n >= min && n <= max;
        checks.check(ok, name, "must be a whole number from " + min + " to " + max);
        return ok ? n : absent;
    }

    /** A position in a sequence (an event id): digits; 0 when the parameter is not given. */
    static long position(Checks checks, String name, String value) {
        if (value == null) {
            return 0;
        }
        boolean ok = DIGITS.matcher(value).matches() && value.length() <= 18;
        checks.check(ok, name, "must be an event id: digits");
        return ok ? Long.parseLong(value) : 0;
    }

    /** {@code true} or {@code false}, as written; {@code absent} when the parameter is not given. */
    static boolean flag(Checks checks, String name, String value, boolean absent) {
        if (value == null) {
            return absent;
        }
        checks.check(value.equals("true") || value.equals("false"), name, "must be true or false");
        return value.equals("true");
    }

    /** An RFC 3339 date-time; null when the parameter is not given or is not one. */
    static Instant time(Checks checks, String name, String value) {
        if (value == null) {
            return null;
        }
        Instant t = Rfc3339.parse(value);
        checks.check(t != null, name, "must be an RFC 3339 date-time, like 2026-11-01T00:00:00Z");
        return t;
    }

    /** A month as {@code yyyy-MM}; null when the parameter is not given or is not one. */
    static YearMonth month(Checks checks, String name, String value) {
        if (value == null) {
            return null;
        }
        boolean ok = MONTH.matcher(value).matches();
        checks.check(ok, name, "must be a month as yyyy-MM, like 2026-11");
        return ok ? YearMonth.parse(value) : null;
    }

}

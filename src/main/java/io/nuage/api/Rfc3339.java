package io.nuage.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/** The one reader of times, in bodies ({@link StrictJson}) and in query parameters ({@link QueryParams}) alike. */
final class Rfc3339 {

    /**
     * RFC 3339's date-time: seconds required, a fraction optional, an offset required ({@code T} and {@code Z} may be
     * lowercase). Java's ISO parser alone would also take a time without seconds; it still checks the calendar.
     */
    private static final Pattern DATE_TIME = Pattern.compile(
            "[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})");

    private Rfc3339() {
    }

    /** The instant {@code text} names, or null when it is not an RFC 3339 date-time (or names a day that does not exist). */
    static Instant parse(String text) {
        if (text == null || !DATE_TIME.matcher(text).matches()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.toUpperCase(Locale.ROOT)).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

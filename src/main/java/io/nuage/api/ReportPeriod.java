package io.nuage.api;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

/** The period a report covers: query parameters {@code from} and {@code to} (RFC 3339, read by {@link QueryParams}), checked. */
public record ReportPeriod(Instant from, Instant to) {

    static final int LONGEST_DAYS = 366;
    static final Duration LONGEST = Duration.ofDays(LONGEST_DAYS);
    /** Far outside any history, and inside what PostgreSQL and Java both represent. */
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("2999-12-31T23:59:59Z");

    /** Defaults: from the start of the current month (UTC) to now. */
    public static ReportPeriod parse(String from, String to, Instant now) {
        Checks checks = new Checks();
        Instant f = time(checks, from, "from");
        Instant t = time(checks, to, "to");
        checks.throwIfInvalid();
        Instant start = f != null ? f : YearMonth.from(now.atOffset(ZoneOffset.UTC)).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant end = t != null ? t : now;
        checks.check(end.isAfter(start), "to", "must be after from")
                .check(!start.isAfter(now), "from", "must not be in the future")
                .check(Duration.between(start, end).compareTo(LONGEST) <= 0, "to", "a report covers at most " + LONGEST_DAYS + " days");
        checks.throwIfInvalid();
        return new ReportPeriod(start, end);
    }

    /** A calendar month, {@code yyyy-MM} (UTC); default the current one. */
    public static YearMonth month(String month, Instant now) {
        YearMonth current = YearMonth.from(now.atOffset(ZoneOffset.UTC));
        Checks checks = new Checks();
        YearMonth m = QueryParams.month(checks, "month", month);
        checks.throwIfInvalid();
        if (m == null) {
            return current;
        }
        checks.check(!m.isAfter(current), "month", "must not be in the future")
                .check(m.getYear() >= 2000, "month", "must be in 2000 or later")
                .throwIfInvalid();
        return m;
    }

    private static Instant time(Checks checks, String value, String field) {
        Instant t = QueryParams.time(checks, field, value);
        if (t != null) {
            checks.check(!t.isBefore(EARLIEST) && !t.isAfter(LATEST), field, "must be between 2000 and 2999");
        }
        return t;
    }
}

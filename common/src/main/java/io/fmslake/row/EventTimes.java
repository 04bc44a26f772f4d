package io.fmslake.row;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;

/**
 * Reads an event time into epoch millis. Accepted forms:
 * <ul>
 * <li>a number, or a string holding only a number: epoch <b>seconds</b> when its magnitude is below
 * 10^11 (up to the year 5138), else epoch <b>millis</b> (so millis before 1973-03-03 are read as seconds);
 * fractions are allowed and rounded to the milli;</li>
 * <li>ISO-8601 with an offset or Z ({@code 2025-06-12T11:22:33.456+09:00}), also with a space for the T;</li>
 * <li>an ISO-8601 local date-time or date (midnight), read in the configured zone: a time in a DST gap is
 * moved forward by the gap, a time in a repeated hour takes the earlier offset.</li>
 * </ul>
 * The result must lie between 0001-01-02 and 9999-12-30 (UTC). Thread-safe.
 */
final class EventTimes {
    static final double SECONDS_BELOW = 1e11;
    static final long MIN = -62135510400000L; // 0001-01-02T00:00Z
    static final long MAX = 253402127999999L; // 9999-12-30T23:59:59.999Z

    private final ZoneId zone;
    private final ZoneOffset fixed;

    EventTimes(ZoneId zone) {
        this.zone = zone;
        this.fixed = zone.getRules().isFixedOffset() ? zone.getRules().getOffset(java.time.Instant.EPOCH) : null;
    }

    /** Why an event time is unusable. */
    static final class Unusable extends Exception {
        Unusable(String detail) {
            super(detail, null, false, false);
        }
    }

    long parse(Object v) throws Unusable {
        if (v instanceof Long l) {
            return checked(number(l.doubleValue(), l), v);
        }
        if (v instanceof Double d) {
            return checked(number(d, null), v);
        }
        if (v instanceof String s) {
            return checked(text(s.trim()), v);
        }
        String kind = v == null
                ? "missing or null"
                : v instanceof Boolean ? "a boolean" : v instanceof JsonObject ? "an object" : "an array";
        throw new Unusable("is " + kind + ", expected ISO-8601 text or epoch seconds/millis");
    }

    /** A Kafka record timestamp, checked for range. */
    static long kafka(long ts) throws Unusable {
        if (ts < 0) {
            throw new Unusable("the Kafka record has no timestamp (" + ts + ")");
        }
        return checked(ts, ts);
    }

    private static long number(double d, Long exact) {
        if (Math.abs(d) < SECONDS_BELOW) {
            return exact != null ? exact * 1000 : Math.round(d * 1000);
        }
        return exact != null ? exact : Math.round(d);
    }

    private long text(String s) throws Unusable {
        if (s.isEmpty()) {
            throw new Unusable("is an empty string");
        }
        if (isNumeric(s)) {
            try {
                return s.indexOf('.') < 0 && s.length() < 19
                        ? number(Long.parseLong(s), Long.parseLong(s))
                        : number(Double.parseDouble(s), null);
            } catch (NumberFormatException e) {
                throw new Unusable("'" + abbreviate(s) + "' is not a number");
            }
        }
        long fast = IsoInstants.parse(s);
        if (fast != IsoInstants.NOT_FAST) {
            return fast;
        }
        String iso = s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
        try {
            TemporalAccessor t =
                    DateTimeFormatter.ISO_DATE_TIME.parseBest(iso, java.time.ZonedDateTime::from, LocalDateTime::from);
            if (t instanceof java.time.ZonedDateTime z) {
                return z.toInstant().toEpochMilli();
            }
            return local((LocalDateTime) t);
        } catch (DateTimeException e) {
            try {
                return local(LocalDate.parse(iso).atStartOfDay());
            } catch (DateTimeException e2) {
                throw new Unusable("'" + abbreviate(s) + "' is not ISO-8601 date-time text (" + e.getMessage() + ")");
            }
        } catch (ArithmeticException e) {
            throw new Unusable("'" + abbreviate(s) + "' is out of range");
        }
    }

    private long local(LocalDateTime t) {
        return fixed != null
                ? t.toInstant(fixed).toEpochMilli()
                : t.atZone(zone).toInstant().toEpochMilli();
    }

    private static boolean isNumeric(String s) {
        int i = s.charAt(0) == '-' || s.charAt(0) == '+' ? 1 : 0;
        boolean digits = false;
        boolean dot = false;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits = true;
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                return false;
            }
        }
        return digits;
    }

    private static long checked(long millis, Object original) throws Unusable {
        if (millis < MIN || millis > MAX) {
            throw new Unusable("'" + abbreviate(String.valueOf(original)) + "' is outside 0001-01-02..9999-12-30");
        }
        return millis;
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }
}

package io.fmslake.row;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * A fast path for the commonest event-time text, {@code yyyy-MM-ddTHH:mm:ss[.fraction](Z|±HH:MM)} (also with a
 * space for the T), without the general {@code DateTimeFormatter} machinery, which cost about half of a record's
 * decoding. Anything else (other offsets, zone ids, local times, dates, odd digits, invalid fields) is left to the
 * general parser, so the results and the errors stay those of {@code DateTimeFormatter.ISO_DATE_TIME}.
 */
final class IsoInstants {
    /** Returned when the text is not of the fast form; the caller then uses the general parser. */
    static final long NOT_FAST = Long.MIN_VALUE;

    private IsoInstants() {}

    /** Epoch millis (nanoseconds truncated, as {@code Instant.toEpochMilli}), or {@link #NOT_FAST}. */
    static long parse(String s) {
        int n = s.length();
        if (n < 20
                || s.charAt(4) != '-'
                || s.charAt(7) != '-'
                || (s.charAt(10) != 'T' && s.charAt(10) != ' ')
                || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return NOT_FAST;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0
                || month < 0
                || day < 0
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59) {
            return NOT_FAST;
        }
        int i = 19;
        long nanos = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 9 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                nanos = nanos * 10 + (s.charAt(i) - '0');
                i++;
            }
            if (i == start) {
                return NOT_FAST;
            }
            for (int k = i - start; k < 9; k++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (i == n - 1 && s.charAt(i) == 'Z') {
            offsetSeconds = 0;
        } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            int oh = digits(s, i + 1, 2);
            int om = digits(s, i + 4, 2);
            if (oh < 0 || oh > 18 || om < 0 || om > 59 || (oh == 18 && om > 0)) {
                return NOT_FAST;
            }
            offsetSeconds = (oh * 3600 + om * 60) * (s.charAt(i) == '-' ? -1 : 1);
        } else {
            return NOT_FAST;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return NOT_FAST;
        }
        long seconds = epochDay * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds;
        return seconds * 1000 + nanos / 1_000_000;
    }

    /** The value of {@code count} ASCII digits at {@code from}, or -1. */
    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}

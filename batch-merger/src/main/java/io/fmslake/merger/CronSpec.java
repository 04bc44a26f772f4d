package io.fmslake.merger;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.quartz.CronExpression;

/**
 * Cron expressions as operators write them. Five fields ({@code minute hour day-of-month month day-of-week}, Unix
 * style, day-of-week 0-7 with 0 and 7 Sunday) are converted to Quartz's form (seconds first, day-of-week 1-7 with 1
 * Sunday, {@code ?} in one day field); six or seven fields are taken as Quartz expressions.
 */
final class CronSpec {
    private CronSpec() {}

    /** @throws IllegalArgumentException naming the problem when the expression is not usable */
    static String toQuartz(String cron) {
        String[] f = cron.trim().split("\\s+");
        String quartz;
        if (f.length == 5) {
            String dom = f[2];
            String dow = unixDayOfWeek(f[4]);
            if (dow.equals("*")) {
                dow = "?";
            } else if (dom.equals("*")) {
                dom = "?";
            } else {
                throw new IllegalArgumentException(
                        "'" + cron + "': day-of-month and day-of-week both set is not supported");
            }
            quartz = "0 " + f[0] + " " + f[1] + " " + dom + " " + f[3] + " " + dow;
        } else if (f.length == 6 || f.length == 7) {
            quartz = String.join(" ", f);
        } else {
            throw new IllegalArgumentException("'" + cron + "' must have 5 fields (minute hour day month weekday)");
        }
        if (!CronExpression.isValidExpression(quartz)) {
            throw new IllegalArgumentException(
                    "'" + cron + "' is not a valid cron expression (as Quartz: " + quartz + ")");
        }
        return quartz;
    }

    /** Maps Unix weekday numbers (0-7, Sunday 0 or 7) to Quartz's (1-7, Sunday 1); names pass through. */
    private static String unixDayOfWeek(String field) {
        if (field.equals("*") || field.equals("?")) {
            return "*";
        }
        if (field.contains("/") || field.contains("#") || field.contains("L")) {
            throw new IllegalArgumentException("day-of-week '" + field + "': steps, # and L are not supported in"
                    + " 5-field form; use a 6-field Quartz expression");
        }
        List<String> out = new ArrayList<>();
        for (String part : field.split(",")) {
            String[] range = part.split("-");
            if (range.length == 2 && isNumber(range[0]) && isNumber(range[1])) {
                int from = Integer.parseInt(range[0]);
                int to = Integer.parseInt(range[1]);
                if (from > to || to > 7) {
                    throw new IllegalArgumentException("day-of-week range '" + part + "' is not valid");
                }
                for (int d = from; d <= to; d++) {
                    out.add(quartzDay(d));
                }
            } else if (range.length == 1 && isNumber(part)) {
                out.add(quartzDay(Integer.parseInt(part)));
            } else {
                out.add(part.toUpperCase(Locale.ROOT));
            }
        }
        return String.join(",", out.stream().distinct().toList());
    }

    private static String quartzDay(int unix) {
        if (unix < 0 || unix > 7) {
            throw new IllegalArgumentException("day-of-week " + unix + " is not in 0-7");
        }
        return Integer.toString(unix % 7 + 1);
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }
}

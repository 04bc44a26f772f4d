package io.fmslake.deploy;

import java.util.Set;
import java.util.TreeSet;

/**
 * A small PromQL scan: the metric names an expression selects. Names are {@code [a-zA-Z_:][a-zA-Z0-9_:]*} not
 * followed by {@code (} (functions, aggregations), not keywords or operators, not inside label matchers
 * {@code {...}}, ranges {@code [...]}, strings or the label lists of {@code by}, {@code without}, {@code on},
 * {@code ignoring}, {@code group_left} and {@code group_right}; an identifier followed by {@code by} or {@code without}
 * is an aggregation. Grafana variables ({@code $x}) are skipped.
 */
final class PromQl {
    private static final Set<String> LABEL_LISTS =
            Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
    private static final Set<String> KEYWORDS =
            Set.of("and", "or", "unless", "offset", "bool", "atan2", "inf", "nan", "start", "end");

    private PromQl() {}

    static Set<String> metricNames(String expr) {
        Set<String> names = new TreeSet<>();
        int n = expr.length();
        int i = 0;
        while (i < n) {
            char c = expr.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = endOfString(expr, i);
            } else if (c == '{') {
                i = closing(expr, i, '{', '}');
            } else if (c == '[') {
                i = closing(expr, i, '[', ']');
            } else if (Character.isDigit(c)
                    || c == '$'
                    || (c == '.' && i + 1 < n && Character.isDigit(expr.charAt(i + 1)))) {
                i++;
                while (i < n
                        && (Character.isLetterOrDigit(expr.charAt(i))
                                || expr.charAt(i) == '.'
                                || expr.charAt(i) == '_')) {
                    i++;
                }
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                int start = i;
                while (i < n
                        && (Character.isLetterOrDigit(expr.charAt(i))
                                || expr.charAt(i) == '_'
                                || expr.charAt(i) == ':')) {
                    i++;
                }
                String id = expr.substring(start, i);
                int next = i;
                while (next < n && Character.isWhitespace(expr.charAt(next))) {
                    next++;
                }
                boolean call = next < n && expr.charAt(next) == '(' || aggregationClause(expr, next);
                if (LABEL_LISTS.contains(id)) {
                    i = call ? closing(expr, next, '(', ')') : i;
                } else if (!call && !KEYWORDS.contains(id.toLowerCase(java.util.Locale.ROOT))) {
                    names.add(id);
                }
            } else {
                i++;
            }
        }
        return names;
    }

    /** True if {@code by} or {@code without} starts at {@code i}: what precedes it is an aggregation, e.g. {@code sum by (x) (...)}. */
    private static boolean aggregationClause(String s, int i) {
        for (String word : new String[] {"by", "without"}) {
            int end = i + word.length();
            if (s.startsWith(word, i)
                    && (end == s.length()
                            || !(Character.isLetterOrDigit(s.charAt(end))
                                    || s.charAt(end) == '_'
                                    || s.charAt(end) == ':'))) {
                return true;
            }
        }
        return false;
    }

    /** The index after the string starting at {@code from}. */
    private static int endOfString(String s, int from) {
        char quote = s.charAt(from);
        int i = from + 1;
        while (i < s.length() && s.charAt(i) != quote) {
            i += s.charAt(i) == '\\' && quote != '`' ? 2 : 1;
        }
        return i + 1;
    }

    /** The index after the bracket closing the one at {@code from}, skipping strings. */
    private static int closing(String s, int from, char open, char close) {
        int depth = 0;
        int i = from;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = endOfString(s, i);
                continue;
            }
            if (c == open) {
                depth++;
            } else if (c == close && --depth == 0) {
                return i + 1;
            }
            i++;
        }
        throw new IllegalArgumentException("unbalanced " + open + " in: " + s);
    }
}

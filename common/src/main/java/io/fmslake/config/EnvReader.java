package io.fmslake.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads typed values from an environment map and collects every violation instead of stopping at the first.
 * Each message names the variable, the value seen (masked for secrets) and the rule it breaks.
 * Call {@link #throwIfInvalid()} once all values are read.
 */
public final class EnvReader {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)([kKmMgG]i?[bB]?|[bB])?");

    private final Map<String, String> env;
    private final List<String> errors = new ArrayList<>();
    private final Set<String> namesRead = new LinkedHashSet<>();

    public EnvReader(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** The raw value, trimmed, or empty when unset or blank. */
    private Optional<String> raw(String name) {
        namesRead.add(name);
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    public String required(String name) {
        return raw(name).orElseGet(() -> {
            error(name, "<unset>", "is required");
            return "";
        });
    }

    public String string(String name, String fallback) {
        return raw(name).orElse(fallback);
    }

    public Optional<String> optional(String name) {
        return raw(name);
    }

    public Secret secret(String name) {
        Optional<String> v = raw(name);
        if (v.isEmpty()) {
            error(name, "<unset>", "is required (a secret)");
            return new Secret("");
        }
        return new Secret(v.get());
    }

    public Optional<Secret> optionalSecret(String name) {
        return raw(name).map(Secret::new);
    }

    public List<String> list(String name, boolean required) {
        Optional<String> v = raw(name);
        if (v.isEmpty()) {
            if (required) {
                error(name, "<unset>", "is required");
            }
            return List.of();
        }
        List<String> items = Arrays.stream(v.get().split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
        if (items.isEmpty()) {
            error(name, v.get(), "must list at least one item, comma-separated");
        }
        return items;
    }

    public boolean bool(String name, boolean fallback) {
        return parse(name, fallback, "must be true or false", s -> switch (s.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> Boolean.TRUE;
            case "false", "no", "0" -> Boolean.FALSE;
            default -> null;
        });
    }

    public int integer(String name, int fallback, int min, int max) {
        return parse(name, fallback, "must be an integer in [" + min + ", " + max + "]", s -> {
            try {
                int v = Integer.parseInt(s);
                return v >= min && v <= max ? v : null;
            } catch (NumberFormatException e) {
                return null;
            }
        });
    }

    /** A byte size such as {@code 64MiB}, {@code 512k} or {@code 1048576}. */
    public long bytes(String name, long fallback, long min, long max) {
        return parse(name, fallback, "must be a size in bytes (e.g. 64MiB) in [" + min + ", " + max + "]", s -> {
            Matcher m = SIZE.matcher(s);
            if (!m.matches()) {
                return null;
            }
            try {
                long n = Long.parseLong(m.group(1));
                String unit = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
                long mult = unit.startsWith("k")
                        ? 1L << 10
                        : unit.startsWith("m") ? 1L << 20 : unit.startsWith("g") ? 1L << 30 : 1;
                long v = Math.multiplyExact(n, mult);
                return v >= min && v <= max ? v : null;
            } catch (ArithmeticException | NumberFormatException e) {
                return null;
            }
        });
    }

    /** A duration such as {@code 30s}, {@code 500ms}, {@code 5m}, {@code 1h} or ISO-8601 {@code PT30S}. */
    public Duration duration(String name, Duration fallback, Duration min, Duration max) {
        return parse(name, fallback, "must be a duration (e.g. 30s, 5m, PT30S) in [" + min + ", " + max + "]", s -> {
            Duration d = parseDuration(s);
            return d != null && d.compareTo(min) >= 0 && d.compareTo(max) <= 0 ? d : null;
        });
    }

    public ZoneId zone(String name, ZoneId fallback) {
        return parse(name, fallback, "must be an IANA time-zone id such as UTC or Asia/Seoul", s -> {
            try {
                return ZoneId.of(s);
            } catch (DateTimeException e) {
                return null;
            }
        });
    }

    public <E extends Enum<E>> E choice(String name, Class<E> type, E fallback) {
        E[] all = type.getEnumConstants();
        return parse(name, fallback, "must be one of " + Arrays.toString(all), s -> {
            for (E e : all) {
                if (e.name().equalsIgnoreCase(s)) {
                    return e;
                }
            }
            return null;
        });
    }

    /** An optional path to a file that must exist and be readable. */
    public Optional<Path> readableFile(String name) {
        Optional<String> v = raw(name);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            Path p = Path.of(v.get());
            if (Files.isRegularFile(p) && Files.isReadable(p)) {
                return Optional.of(p);
            }
        } catch (InvalidPathException ignored) {
            // reported below
        }
        error(name, v.get(), "must name a readable file");
        return Optional.empty();
    }

    /** Records a violation of a cross-field or custom rule. */
    public void check(boolean ok, String name, Object value, String rule) {
        if (!ok) {
            error(name, String.valueOf(value), rule);
        }
    }

    public void error(String name, String value, String rule) {
        errors.add(name + "=" + value + ": " + rule);
    }

    public List<String> errors() {
        return List.copyOf(errors);
    }

    /** The variable names this reader was asked for, in order. */
    public Set<String> namesRead() {
        return Set.copyOf(namesRead);
    }

    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
    }

    private <T> T parse(String name, T fallback, String rule, Function<String, T> parser) {
        Optional<String> v = raw(name);
        if (v.isEmpty()) {
            return fallback;
        }
        T parsed = parser.apply(v.get());
        if (parsed == null) {
            error(name, v.get(), rule);
            return fallback;
        }
        return parsed;
    }

    static Duration parseDuration(String s) {
        if (s.toUpperCase(Locale.ROOT).startsWith("P")) {
            try {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            } catch (DateTimeException e) {
                return null;
            }
        }
        Matcher m = DURATION.matcher(s);
        if (!m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}

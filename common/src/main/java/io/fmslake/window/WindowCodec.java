package io.fmslake.window;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that maps instants to windows and windows to object keys, and back.
 *
 * <p>Windows are cut in local wall-clock time of {@code zone}. Daylight saving time:
 * <ul>
 *   <li>Skipped local times (spring forward) belong to no window, so those windows never have files and the
 *       hour file after the gap is named by its own local hours ({@code 20250330_03_04}).</li>
 *   <li>Repeated local times (fall back) fall into the same local window on both passes, so that window spans
 *       more real time. It {@linkplain #closesAt(Window) closes} at the later of the two instants of its end.</li>
 * </ul>
 */
public final class WindowCodec {
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(java.time.format.ResolverStyle.STRICT);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("uuuuMMdd_HHmm");
    private static final Pattern KEY = Pattern.compile(
            "(minute|hour|day|week|errors)/(\\d{8})(?:_(\\d{2})(?:_(\\d{2})|(\\d{2}))?|_(\\d{8}))?(?:-(.+))?\\.parquet");

    /** Part suffixes: {@code part-<first event time, UTC, ms>-<16 hex digits of SHA-256 over the coordinates>}. */
    static final Pattern PART = Pattern.compile("part-(\\d{8}T\\d{9}Z)-([0-9a-f]{16})");

    private static final DateTimeFormatter PART_TIME =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    private final ZoneId zone;
    private final DayOfWeek weekStart;

    public WindowCodec(ZoneId zone, DayOfWeek weekStart) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.weekStart = Objects.requireNonNull(weekStart, "weekStart");
    }

    public ZoneId zone() {
        return zone;
    }

    public DayOfWeek weekStart() {
        return weekStart;
    }

    /** The window of {@code level} that holds the instant. */
    public Window windowOf(Level level, Instant instant) {
        return windowOf(level, LocalDateTime.ofInstant(instant, zone));
    }

    public Window windowOf(Level level, long epochMillis) {
        return windowOf(level, Instant.ofEpochMilli(epochMillis));
    }

    /** The window of {@code level} that holds the local date-time. */
    public Window windowOf(Level level, LocalDateTime local) {
        LocalDateTime start = switch (level) {
            case MINUTE -> local.truncatedTo(ChronoUnit.MINUTES);
            case HOUR -> local.truncatedTo(ChronoUnit.HOURS);
            case DAY -> local.truncatedTo(ChronoUnit.DAYS);
            case WEEK ->
                local.toLocalDate()
                        .with(TemporalAdjusters.previousOrSame(weekStart))
                        .atStartOfDay();
        };
        return new Window(level, start);
    }

    /** The window of {@code level} that holds {@code inner}'s start. */
    public Window parentOf(Window inner, Level level) {
        return windowOf(level, inner.start());
    }

    /** The first instant whose local time is at or after the window's start. */
    public Instant startInstant(Window w) {
        return ZonedDateTime.ofLocal(w.start(), zone, null)
                .withEarlierOffsetAtOverlap()
                .toInstant();
    }

    /**
     * The instant after which no new instant maps into the window: its local end, taking the later offset when
     * the end is a repeated local time. A window is closed once the clock is at least this plus the grace.
     */
    public Instant closesAt(Window w) {
        return ZonedDateTime.ofLocal(w.end(), zone, null)
                .withLaterOffsetAtOverlap()
                .toInstant();
    }

    /** The object key, e.g. {@code hour/20250612_23_24.parquet}. */
    public String format(LakeKey key) {
        Window w = key.window();
        String name = switch (w.level()) {
            case MINUTE -> w.start().format(MINUTE);
            case HOUR ->
                w.start().format(DAY) + "_" + two(w.start().getHour()) + "_"
                        + two(w.start().getHour() + 1);
            case DAY -> w.start().format(DAY);
            case WEEK ->
                w.start().format(DAY) + "_"
                        + w.start().toLocalDate().plusDays(6).format(DAY);
        };
        return key.folder() + "/" + name + key.suffix().map(s -> "-" + s).orElse("") + LakeKey.EXTENSION;
    }

    public String format(Window w) {
        return format(LakeKey.of(w));
    }

    /** The key prefix shared by a window's own file and its suffixed extra files. */
    public String prefix(Window w) {
        return prefix(w, false);
    }

    /** As {@link #prefix(Window)}, for the window's rows or (under {@code errors/}) its dead letters. */
    public String prefix(Window w, boolean deadLetters) {
        String base = format(LakeKey.base(w, deadLetters));
        return base.substring(0, base.length() - LakeKey.EXTENSION.length());
    }

    /**
     * Key prefixes whose listings return the window's own files (base, parts, extra files) and as few others as
     * possible. One prefix, except for a day under {@code errors/}: there {@code errors/20250612} would also list
     * that day's minute and hour dead letters, so the base file and the suffixed files are listed apart.
     */
    public List<String> listingPrefixes(Window w, boolean deadLetters) {
        String prefix = prefix(w, deadLetters);
        return deadLetters && w.level() == Level.DAY
                ? List.of(prefix + LakeKey.EXTENSION, prefix + "-")
                : List.of(prefix);
    }

    /**
     * The key of one part of a merged window (hour, day or week) written as several files:
     * {@code <window name>-part-<first event time, UTC, ms>-<digest>.parquet}. The digest is 16 hex digits of the
     * SHA-256 of the part's encoded Kafka coordinates ({@code fms.offsets}), so a part name stands for its records.
     */
    public LakeKey partKey(Window w, long firstEventMillis, String encodedCoordinates) {
        return partKey(w, firstEventMillis, encodedCoordinates, false);
    }

    /** As {@link #partKey(Window, long, String)}, for a window's rows or its rolled-up dead letters. */
    public LakeKey partKey(Window w, long firstEventMillis, String encodedCoordinates, boolean deadLetters) {
        if (w.level() == Level.MINUTE) {
            throw new IllegalArgumentException("minute windows have no parts: " + w);
        }
        String suffix =
                "part-" + PART_TIME.format(Instant.ofEpochMilli(firstEventMillis)) + "-" + digest(encodedCoordinates);
        return new LakeKey(w, Optional.of(suffix), deadLetters);
    }

    /** 16 hex digits of the SHA-256 of the text (e.g. encoded coordinates): names that stand for content. */
    public static String digest(String text) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** The first event time a part key names; empty for a key that is not a part. */
    public static Optional<Instant> partStart(LakeKey key) {
        if (!key.isPart()) {
            return Optional.empty();
        }
        Matcher m = PART.matcher(key.suffix().orElseThrow());
        return m.matches() ? Optional.of(Instant.from(PART_TIME.parse(m.group(1)))) : Optional.empty();
    }

    /** The prefix under which the dead letters of one minute live. */
    public String deadLetterPrefix(Window minute) {
        return LakeKey.ERRORS + "/" + minute.start().format(MINUTE);
    }

    /**
     * Parses a key this codec could have formatted. Empty for anything else, including a week that does not start
     * on {@link #weekStart()} and an hour whose end is not its start plus one.
     */
    public Optional<LakeKey> parse(String key) {
        Matcher m = KEY.matcher(key);
        if (!m.matches()) {
            return Optional.empty();
        }
        String folder = m.group(1);
        Optional<String> suffix = Optional.ofNullable(m.group(7));
        if (suffix.isPresent() && !LakeKey.SUFFIX.matcher(suffix.get()).matches()) {
            return Optional.empty();
        }
        try {
            Window w = windowOf(m, LocalDate.parse(m.group(2), DAY));
            boolean errors = folder.equals(LakeKey.ERRORS);
            if (w == null || !(errors || folder.equals(w.level().folder()))) {
                return Optional.empty();
            }
            return Optional.of(new LakeKey(w, suffix, errors));
        } catch (java.time.DateTimeException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The window a matched key's name spells (its level from the name's shape), or null if it is no window. */
    private Window windowOf(Matcher m, LocalDate date) {
        if (m.group(3) != null && m.group(5) != null) {
            return new Window(Level.MINUTE, date.atTime(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(5))));
        }
        if (m.group(3) != null && m.group(4) != null) {
            return Integer.parseInt(m.group(4)) == Integer.parseInt(m.group(3)) + 1
                    ? new Window(Level.HOUR, date.atTime(Integer.parseInt(m.group(3)), 0))
                    : null;
        }
        if (m.group(6) != null) {
            return date.getDayOfWeek() == weekStart
                            && LocalDate.parse(m.group(6), DAY).equals(date.plusDays(6))
                    ? new Window(Level.WEEK, date.atStartOfDay())
                    : null;
        }
        return m.group(3) == null ? new Window(Level.DAY, date.atStartOfDay()) : null;
    }

    /**
     * Parses a window given on a command line: {@code 2025-06-12T11:22} for a minute, {@code 2025-06-12T00:00}
     * (or {@code 2025-06-12T00}) for an hour, {@code 2025-06-12} for a day, the first day for a week.
     *
     * @throws IllegalArgumentException naming the expected form when the text does not fit the level
     */
    public Window parseWindow(Level level, String text) {
        try {
            Window w = switch (level) {
                case MINUTE -> windowOf(level, LocalDateTime.parse(text));
                case HOUR -> windowOf(level, LocalDateTime.parse(text.length() == 13 ? text + ":00" : text));
                case DAY, WEEK -> windowOf(level, LocalDate.parse(text).atStartOfDay());
            };
            if (!w.start()
                    .equals(
                            level == Level.DAY || level == Level.WEEK
                                    ? LocalDate.parse(text).atStartOfDay()
                                    : w.start())) {
                throw new IllegalArgumentException(
                        "'" + text + "' is not the first day of a week starting on " + weekStart);
            }
            return w;
        } catch (DateTimeParseException e) {
            String form = switch (level) {
                case MINUTE -> "2025-06-12T11:22";
                case HOUR -> "2025-06-12T00:00";
                case DAY -> "2025-06-12";
                case WEEK -> "2025-06-01 (the first day of the week)";
            };
            throw new IllegalArgumentException(
                    "'" + text + "' is not a " + level.folder() + " window; expected e.g. " + form, e);
        }
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }
}

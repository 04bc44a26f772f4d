package io.fmslake.collector;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test hook for crash tests: {@code FMS_TEST_CRASH_POINT=<point>[:<n>]} makes the process halt (like kill -9, no
 * shutdown hooks, exit status 137) the n-th time (default 1st) it reaches that point. Points:
 * {@code after-poll} (records buffered, nothing written), {@code before-upload} (probe done, file not yet
 * uploaded), {@code after-upload} (file durable, offsets not committed), {@code after-commit} (offsets
 * committed). Never set in production.
 */
public final class CrashPoints {
    public static final Set<String> POINTS = Set.of("after-poll", "before-upload", "after-upload", "after-commit");
    static final String RULE = "must be one of " + POINTS + ", optionally followed by :<n> (n >= 1)";
    public static final CrashPoints NONE = new CrashPoints(Optional.empty(), () -> {});

    private final String point;
    private final int nth;
    private final Runnable halt;
    private final AtomicInteger seen = new AtomicInteger();

    public CrashPoints(Optional<String> spec, Runnable halt) {
        this.point = spec.map(s -> s.split(":")[0]).orElse("");
        this.nth = spec.filter(s -> s.contains(":"))
                .map(s -> Integer.parseInt(s.split(":")[1]))
                .orElse(1);
        this.halt = halt;
    }

    static boolean valid(String spec) {
        String[] parts = spec.split(":");
        if (parts.length > 2 || !POINTS.contains(parts[0])) {
            return false;
        }
        try {
            return parts.length == 1 || Integer.parseInt(parts[1]) >= 1;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Called by the code at each named point; halts when the configured point is reached the n-th time. */
    public void reached(String name) {
        if (name.equals(point) && seen.incrementAndGet() == nth) {
            halt.run();
        }
    }
}

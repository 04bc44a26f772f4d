package io.fmslake.merger;

import io.fmslake.merge.CrashPoint;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TEST HOOKS, not features; unset in every deployment.
 * <ul>
 *   <li>{@code FMS_TEST_CRASH_POINT=reading|before-upload|after-part|after-upload|mid-delete} makes the process halt (like
 *       kill -9: no shutdown hooks, no cleanup, exit status 137) when a merge reaches that point; the crash-point
 *       integration tests use it to prove that a rerun converges.</li>
 *   <li>{@code FMS_TEST_PAUSE_POINT=<point>} prints {@value #PAUSED} and the point on stdout when a merge reaches
 *       it, then sleeps {@link #PAUSE}, so that a test can stop the process there ({@code kill -STOP}) for as long
 *       as it likes.</li>
 * </ul>
 */
final class CrashHookFromEnv {
    static final String VARIABLE = "FMS_TEST_CRASH_POINT";
    static final String PAUSE_VARIABLE = "FMS_TEST_PAUSE_POINT";
    static final String PAUSED = "test hook: paused at ";
    static final Duration PAUSE = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(CrashHookFromEnv.class);

    private CrashHookFromEnv() {}

    static CrashPoint.Hook from(Map<String, String> env) {
        Optional<CrashPoint> crash = point(env, VARIABLE);
        Optional<CrashPoint> pause = point(env, PAUSE_VARIABLE);
        crash.ifPresent(
                p -> LOG.warn("{}={}: this process will halt when a merge reaches it (test hook)", VARIABLE, p));
        pause.ifPresent(
                p -> LOG.warn("{}={}: this process will pause when a merge reaches it (test hook)", PAUSE_VARIABLE, p));
        if (crash.isEmpty() && pause.isEmpty()) {
            return CrashPoint.Hook.NONE;
        }
        return reached -> {
            if (pause.isPresent() && reached == pause.get()) {
                pauseAt(reached);
            }
            if (crash.isPresent() && reached == crash.get()) {
                LOG.warn("test hook: halting at {}", reached);
                System.out.flush();
                Runtime.getRuntime().halt(137);
            }
        };
    }

    private static Optional<CrashPoint> point(Map<String, String> env, String variable) {
        String v = env.get(variable);
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(CrashPoint.valueOf(v.trim().toUpperCase(Locale.ROOT).replace('-', '_')));
    }

    private static void pauseAt(CrashPoint point) {
        System.out.println(PAUSED + point.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        System.out.flush();
        try {
            Thread.sleep(PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

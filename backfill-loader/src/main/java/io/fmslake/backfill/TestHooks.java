package io.fmslake.backfill;

import io.fmslake.merge.CrashPoint;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TEST HOOK, not a feature: {@code FMS_TEST_CRASH_POINT} makes the process halt (like kill -9: no shutdown hooks,
 * no cleanup, exit status 137) at one point, so that the integration tests can prove a rerun converges:
 * {@code loading} (half of the records read, runs on disk), {@code published} (the first target published), or a
 * merge engine point ({@code reading}, {@code after-upload}, {@code mid-delete}). Unset in every deployment.
 */
final class TestHooks {
    static final String VARIABLE = "FMS_TEST_CRASH_POINT";
    private static final Logger LOG = LoggerFactory.getLogger(TestHooks.class);

    private final String point;

    private TestHooks(String point) {
        this.point = point;
    }

    static TestHooks from(Map<String, String> env) {
        String v = env.get(VARIABLE);
        if (v == null || v.isBlank()) {
            return new TestHooks("");
        }
        String point = v.trim().toLowerCase(Locale.ROOT);
        LOG.warn("{}={}: this process will halt at {} (test hook)", VARIABLE, v, point);
        return new TestHooks(point);
    }

    /** The hook handed to the merge engine. */
    CrashPoint.Hook mergeHook() {
        return reached -> reached(reached.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    /** Called by the run at its own points. */
    void reached(String name) {
        if (name.equals(point)) {
            LOG.warn("test hook: halting at {}", name);
            System.out.flush();
            Runtime.getRuntime().halt(137);
        }
    }
}

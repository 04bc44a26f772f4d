package io.fmslake.backfill;

import io.fmslake.merge.CrashPoint;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TEST HOOK, not a feature: {@code FMS_TEST_CRASH_POINT} makes the process halt (like kill -9: no shutdown hooks,
 * no cleanup, exit status 137) at one point, so that the integration tests can prove a rerun converges:
 * {@code loading} (half of the records read, runs on disk), {@code published} (the first target published),
 * {@code chunk-committed} (the first chunk's end offsets committed for the backfill's group), or a merge engine
 * point ({@code reading}, {@code after-upload}, {@code mid-delete}). {@code FMS_TEST_PAUSE_POINT} instead prints
 * {@code test hook: paused at <point>} the first time the point is reached and sleeps a minute there, so that a test
 * can kill the process (kill -9) at a known moment. Unset in every deployment.
 */
final class TestHooks {
    static final String VARIABLE = "FMS_TEST_CRASH_POINT";
    static final String PAUSE_VARIABLE = "FMS_TEST_PAUSE_POINT";
    private static final Logger LOG = LoggerFactory.getLogger(TestHooks.class);

    private final String point;
    private final String pausePoint;
    private final AtomicBoolean paused = new AtomicBoolean();

    private TestHooks(String point, String pausePoint) {
        this.point = point;
        this.pausePoint = pausePoint;
    }

    static TestHooks from(Map<String, String> env) {
        String crash = point(env, VARIABLE, "halt");
        String pause = point(env, PAUSE_VARIABLE, "pause");
        return new TestHooks(crash, pause);
    }

    private static String point(Map<String, String> env, String variable, String what) {
        String v = env.get(variable);
        if (v == null || v.isBlank()) {
            return "";
        }
        String point = v.trim().toLowerCase(Locale.ROOT);
        LOG.warn("{}={}: this process will {} at {} (test hook)", variable, v, what, point);
        return point;
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
        if (name.equals(pausePoint) && paused.compareAndSet(false, true)) {
            System.out.println("test hook: paused at " + name);
            System.out.flush();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

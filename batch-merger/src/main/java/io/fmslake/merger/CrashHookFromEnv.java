package io.fmslake.merger;

import io.fmslake.merge.CrashPoint;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TEST HOOK, not a feature: {@code FMS_TEST_CRASH_POINT=reading|after-upload|mid-delete} makes the process halt
 * (like kill -9: no shutdown hooks, no cleanup, exit status 137) when a merge reaches that point. The crash-point
 * integration tests use it to prove that a rerun converges. Unset in every deployment.
 */
final class CrashHookFromEnv {
    static final String VARIABLE = "FMS_TEST_CRASH_POINT";
    private static final Logger LOG = LoggerFactory.getLogger(CrashHookFromEnv.class);

    private CrashHookFromEnv() {
    }

    static CrashPoint.Hook from(Map<String, String> env) {
        String v = env.get(VARIABLE);
        if (v == null || v.isBlank()) {
            return CrashPoint.Hook.NONE;
        }
        CrashPoint point = CrashPoint.valueOf(v.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        LOG.warn("{}={}: this process will halt when a merge reaches {} (test hook)", VARIABLE, v, point);
        return reached -> {
            if (reached == point) {
                LOG.warn("test hook: halting at {}", point);
                System.out.flush();
                Runtime.getRuntime().halt(137);
            }
        };
    }
}

package io.fmslake.deploy;

import io.fmslake.config.EnvReader;
import io.fmslake.config.LakeSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The three services: module (= image = container name), default consumer group, and the code that reads each
 * one's settings from the environment: the static {@code read(EnvReader)} of its settings record, called
 * reflectively so that this module compiles while a service's settings are still on their way to main.
 *
 * <p>PENDING: while a settings class is missing from the classpath, the service is represented by the common
 * {@link LakeSettings#read} and the extras it is known to read (from its branch) are listed in
 * {@link #pendingExtras}; they count as read by it. Once the class is on main the real reader is used and the
 * pending list is ignored (then delete it). A module whose *Settings classes do not include the named one fails
 * the tests, so the check cannot silently stay on the fallback. A reader must leave the EnvReader to its caller
 * ({@code read(EnvReader)} or {@code read(EnvReader, long maxHeapBytes, int processors)}), since the names it
 * asked for are what these checks compare.
 */
enum ServiceUnderTest {
    REALTIME_COLLECTOR(
            "realtime-collector",
            "fms-realtime-collector",
            "io.fmslake.collector.CollectorSettings",
            Set.of(
                    "START_OFFSET",
                    "BUFFER_MAX_BYTES",
                    "HTTP_PORT",
                    "SHUTDOWN_TIMEOUT",
                    "MAX_POLL_RECORDS",
                    "FLUSH_IDLE",
                    "LATE_FLUSH_INTERVAL",
                    "DECODE_THREADS",
                    "FLUSH_THREADS")),
    BATCH_MERGER(
            "batch-merger",
            "fms-batch-merger",
            "io.fmslake.merger.MergerSettings",
            Set.of(
                    "LEASE_TTL",
                    "LEASE_WAIT",
                    "MERGE_TMP_DIR",
                    "ROW_GROUP_BYTES",
                    "BYTE_COPY_MIN_ROW_GROUP_BYTES",
                    "COLLECTOR_GROUP_ID")),
    BACKFILL_LOADER(
            "backfill-loader",
            "fms-backfill-loader",
            "io.fmslake.backfill.BackfillSettings",
            Set.of(
                    "COLLECTOR_GROUP_ID",
                    "BACKFILL_SPILL_DIR",
                    "BACKFILL_BUFFER_BYTES",
                    "BACKFILL_WORKERS",
                    "HANDOVER_WAIT",
                    "PROGRESS_INTERVAL",
                    "LEASE_TTL",
                    "LEASE_WAIT",
                    "ROW_GROUP_BYTES",
                    "BYTE_COPY_MIN_ROW_GROUP_BYTES"));

    /**
     * What a reader that sizes itself by the JVM ({@code read(EnvReader, long maxHeapBytes, int processors)})
     * is told: the backfill Job's heap (75 % of its 2 GiB memory limit) and CPU limit. BackfillJobTest checks it.
     */
    static final long POD_HEAP_BYTES = 1536L << 20;

    static final int POD_PROCESSORS = 2;

    /** Read by something other than a settings reader: the JVM itself. */
    static final Set<String> READ_OUTSIDE_SETTINGS = Set.of("JAVA_TOOL_OPTIONS");

    /** Read by a service but deliberately not supplied by k8s/, with the reason. */
    static final Map<String, String> NOT_SUPPLIED = Map.of(
            "FMS_TEST_CRASH_POINT", "a test hook that halts the JVM; never set in a deployment",
            "JOB_COMPLETION_INDEX",
                    "set by Kubernetes itself in each pod of an Indexed Job (the backfill's variant "
                            + "in k8s/jobs/); the one-pod Job runs index 0",
            "MERGE_HOUR_CRON", "only for batch-merger --schedule; in Kubernetes the CronJob's schedule applies",
            "MERGE_DAY_CRON", "only for batch-merger --schedule; in Kubernetes the CronJob's schedule applies",
            "MERGE_WEEK_CRON", "only for batch-merger --schedule; in Kubernetes the CronJob's schedule applies");

    final String module;
    final String defaultGroupId;
    final String settingsClass;
    private final Set<String> pendingExtras;

    ServiceUnderTest(String module, String defaultGroupId, String settingsClass, Set<String> pendingExtras) {
        this.module = module;
        this.defaultGroupId = defaultGroupId;
        this.settingsClass = settingsClass;
        this.pendingExtras = pendingExtras;
    }

    /** The service's settings record class, when it is on the classpath. */
    Optional<Class<?>> settings() {
        try {
            return Optional.of(Class.forName(settingsClass));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Extras counted as read while the settings class is missing; empty once it is there. */
    Set<String> pendingExtras() {
        return settings().isPresent() ? Set.of() : pendingExtras;
    }

    /** The names the service reads: what its reader asked for, plus the pending extras. */
    Set<String> namesRead(Map<String, String> env) {
        Set<String> names = new java.util.TreeSet<>(read(env).reader().namesRead());
        names.addAll(pendingExtras());
        return names;
    }

    /** Runs the service's settings reader over {@code env}; returns the reader and the settings it built. */
    Reading read(Map<String, String> env) {
        EnvReader r = new EnvReader(env);
        Object settings = settings().map(c -> invokeRead(c, r)).orElseGet(() -> LakeSettings.read(r, defaultGroupId));
        return new Reading(r, settings);
    }

    /** A reader after a read, and what it built. */
    record Reading(EnvReader reader, Object settings) {
        /** A record component of the settings, e.g. {@code hourCron}. */
        Object component(String name) {
            try {
                Method m = settings.getClass().getDeclaredMethod(name);
                m.setAccessible(true);
                return m.invoke(settings);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(settings.getClass().getName() + " has no component " + name, e);
            }
        }
    }

    /** Calls {@code read(EnvReader)} or {@code read(EnvReader, long maxHeapBytes, int processors)}. */
    private static Object invokeRead(Class<?> c, EnvReader r) {
        try {
            for (Method m : c.getDeclaredMethods()) {
                if (!m.getName().equals("read") || !java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
                    continue;
                }
                m.setAccessible(true);
                List<Class<?>> params = List.of(m.getParameterTypes());
                if (params.equals(List.of(EnvReader.class))) {
                    return m.invoke(null, r);
                }
                if (params.equals(List.of(EnvReader.class, long.class, int.class))) {
                    return m.invoke(null, r, POD_HEAP_BYTES, POD_PROCESSORS);
                }
            }
            throw new AssertionError(c.getName() + " has no static read(EnvReader) nor read(EnvReader, long, int) "
                    + "that leaves the reader to the caller: add one, or adapt ServiceUnderTest");
        } catch (IllegalAccessException e) {
            throw new AssertionError(c.getName() + ".read is not accessible", e);
        } catch (InvocationTargetException e) {
            throw new AssertionError(c.getName() + ".read failed", e.getCause());
        }
    }

    /** Compiled classes named *Settings in the service's module, as paths relative to target/classes. */
    List<String> compiledSettingsClasses() {
        Path classes = RepoFiles.path(module + "/target/classes");
        if (!Files.isDirectory(classes)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(classes)) {
            return files.map(p -> classes.relativize(p).toString())
                    .filter(p -> p.endsWith("Settings.class"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

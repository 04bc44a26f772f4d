package io.fmslake.deploy;

import io.fmslake.config.EnvReader;
import io.fmslake.config.LakeSettings;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The three services: module (= image = container name), default consumer group, and the code that reads
 * each one's settings from the environment.
 *
 * <p>PENDING: on main, only the common {@link LakeSettings} exists; the services' own settings records
 * (collector: HTTP port, buffer cap, start offset, shutdown timeout; merger: lease, scratch dir; backfill:
 * collector group; LOG_FORMAT, read by each service's logback.xml) are being written on their branches. Until they land, each service is represented by
 * {@code LakeSettings.read} and the extras it will read are listed in {@link #pendingExtras}. When a
 * service's settings land, replace its reader below with the real one (e.g. {@code CollectorSettings.read})
 * and empty its pending set; the coverage test then checks those names for real.
 */
enum ServiceUnderTest {
    REALTIME_COLLECTOR("realtime-collector", "fms-realtime-collector",
            env -> LakeSettings.read(env, "fms-realtime-collector"),
            Set.of("COLLECTOR_GROUP_ID", "START_OFFSET", "BUFFER_MAX_BYTES", "HTTP_PORT", "SHUTDOWN_TIMEOUT",
                    "LOG_FORMAT")),
    BATCH_MERGER("batch-merger", "fms-batch-merger",
            env -> LakeSettings.read(env, "fms-batch-merger"),
            Set.of("COLLECTOR_GROUP_ID", "LEASE_TTL", "LEASE_WAIT", "MERGE_TMP_DIR", "LOG_FORMAT")),
    BACKFILL_LOADER("backfill-loader", "fms-backfill-loader",
            env -> LakeSettings.read(env, "fms-backfill-loader"),
            Set.of("COLLECTOR_GROUP_ID", "LOG_FORMAT"));

    /** Read by something other than a settings reader: the JVM itself. */
    static final Set<String> READ_OUTSIDE_SETTINGS = Set.of("JAVA_TOOL_OPTIONS");

    final String module;
    final String defaultGroupId;
    private final Consumer<EnvReader> reader;
    final Set<String> pendingExtras;

    ServiceUnderTest(String module, String defaultGroupId, Consumer<EnvReader> reader, Set<String> pendingExtras) {
        this.module = module;
        this.defaultGroupId = defaultGroupId;
        this.reader = reader;
        this.pendingExtras = pendingExtras;
    }

    /** Runs the service's settings reader over {@code env}; the reader then knows every name asked for. */
    EnvReader read(Map<String, String> env) {
        EnvReader r = new EnvReader(env);
        reader.accept(r);
        return r;
    }
}

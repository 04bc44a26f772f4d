package io.fmslake.local;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The environment variables each service gets (names as in the operating contract, docs/contract.md). */
final class ServiceEnv {
    /** JSON field of the generated telemetry holding the event time. */
    static final String EVENT_TIME_FIELD = "ts";

    private final LocalOptions o;
    private final String endpoint;

    ServiceEnv(LocalOptions options, String s3Endpoint) {
        this.o = options;
        this.endpoint = s3Endpoint;
    }

    /** What every service shares. */
    Map<String, String> common() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BROKERS", "127.0.0.1:" + o.kafkaPort);
        env.put("KAFKA_TOPIC", o.topic);
        env.put("MINIO_ENDPOINT", endpoint);
        env.put("MINIO_ACCESS_KEY", S3Node.ACCESS_KEY);
        env.put("MINIO_SECRET_KEY", S3Node.SECRET_KEY);
        env.put("MINIO_BUCKET", o.bucket);
        env.put("MINIO_SECURE", "false");
        env.put("TIMEZONE", o.timezone);
        env.put("WEEK_START", o.weekStart.name());
        env.put("EVENT_TIME_FIELD", EVENT_TIME_FIELD);
        return env;
    }

    Map<String, String> collector() {
        Map<String, String> env = common();
        env.put("HTTP_PORT", Integer.toString(o.metricsPort));
        return env;
    }

    Map<String, String> merger(Path tmp) {
        Map<String, String> env = common();
        env.put("MERGE_TMP_DIR", tmp.toAbsolutePath().toString());
        return env;
    }

    Map<String, String> backfill(Path spill) {
        Map<String, String> env = common();
        env.put("BACKFILL_SPILL_DIR", spill.toAbsolutePath().toString());
        env.put("PROGRESS_INTERVAL", "5s");
        return env;
    }
}

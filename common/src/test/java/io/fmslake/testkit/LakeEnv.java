package io.fmslake.testkit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment a service reads (see docs/contract.md, "Environment"), pointing at test servers, for launching services as
 * subprocesses ({@link JvmProcess}) or feeding {@code LakeSettings.fromEnv}. The map is mutable: add extras.
 */
public final class LakeEnv {
    /** The secret that {@link #required()} sets; tests check it never appears in logs or descriptions. */
    public static final String SECRET = "s3cr3t-value";

    private LakeEnv() {}

    /** Only the variables every service requires, with made-up values, for settings unit tests (no servers). */
    public static Map<String, String> required() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BROKERS", "kafka:9092");
        env.put("KAFKA_TOPIC", "fms-data");
        env.put("MINIO_ENDPOINT", "minio:9000");
        env.put("MINIO_ACCESS_KEY", "AKIAEXAMPLE");
        env.put("MINIO_SECRET_KEY", SECRET);
        return env;
    }

    /** KAFKA_BROKERS, KAFKA_TOPIC, MINIO_* (plain HTTP, bucket auto-created) and TIMEZONE=UTC. */
    public static Map<String, String> of(KafkaBroker kafka, String topic, S3Endpoint s3, String bucket) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BROKERS", kafka.bootstrapServers());
        env.put("KAFKA_TOPIC", topic);
        env.put("MINIO_ENDPOINT", s3.endpoint());
        env.put("MINIO_ACCESS_KEY", s3.accessKey());
        env.put("MINIO_SECRET_KEY", s3.secretKey());
        env.put("MINIO_BUCKET", bucket);
        env.put("MINIO_SECURE", "false");
        env.put("MINIO_CREATE_BUCKET", "true");
        env.put("TIMEZONE", "UTC");
        return env;
    }

    /** Like {@link #of(KafkaBroker, String, S3Endpoint, String)} with a consumer group. */
    public static Map<String, String> of(
            KafkaBroker kafka, String topic, String groupId, S3Endpoint s3, String bucket) {
        Map<String, String> env = of(kafka, topic, s3, bucket);
        env.put("KAFKA_GROUP_ID", groupId);
        return env;
    }
}

package io.fmslake.config;

import io.fmslake.row.EventTimeBounds;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The settings every service shares: the topic, the bucket, how windows are cut, and how records become rows.
 * Each service's own settings record holds one of these. Built once at start by {@link #read(EnvReader, String)}.
 */
public record LakeSettings(
        KafkaSettings kafka,
        StoreSettings store,
        ZoneId zone,
        DayOfWeek weekStart,
        Duration windowGrace,
        Optional<String> eventTimeField,
        EventTimeBounds eventTimeBounds,
        long maxRecordBytes,
        Optional<Path> strictSchemaFile,
        String compression,
        LogFormat logFormat) {

    /** How the services log; read by logback.xml as well, validated here. */
    public enum LogFormat {
        TEXT,
        JSON
    }

    /** Parquet codecs the services accept. */
    public static final Set<String> CODECS = Set.of("UNCOMPRESSED", "SNAPPY", "ZSTD", "GZIP", "LZ4_RAW");

    public static final String DEFAULT_CODEC = "ZSTD";
    /** Accepted values of EVENT_TIME_MIN: the range every event time must have anyway. */
    private static final Instant EARLIEST = Instant.parse("0001-01-02T00:00:00Z");

    private static final Instant LATEST = Instant.parse("9999-12-29T00:00:00Z");

    public static LakeSettings read(EnvReader env, String defaultGroupId) {
        KafkaSettings kafka = KafkaSettings.read(env, defaultGroupId);
        StoreSettings store = StoreSettings.read(env);
        ZoneId zone = env.zone("TIMEZONE", ZoneId.of("UTC"));
        DayOfWeek weekStart = env.choice("WEEK_START", DayOfWeek.class, DayOfWeek.SUNDAY);
        Duration grace = env.duration("WINDOW_GRACE", Duration.ofSeconds(20), Duration.ZERO, Duration.ofHours(1));
        Optional<String> field = env.optional("EVENT_TIME_FIELD");
        EventTimeBounds bounds = new EventTimeBounds(
                eventTimeMin(env),
                env.duration(
                        "EVENT_TIME_MAX_AHEAD",
                        EventTimeBounds.DEFAULT.maxAhead(),
                        Duration.ofMinutes(1),
                        Duration.ofDays(3650)));
        long maxRecord = env.bytes("MAX_RECORD_BYTES", 1L << 20, 1024, 64L << 20);
        Optional<Path> schema = env.readableFile("STRICT_SCHEMA_FILE");
        String codec = env.string("PARQUET_COMPRESSION", DEFAULT_CODEC).toUpperCase(java.util.Locale.ROOT);
        env.check(CODECS.contains(codec), "PARQUET_COMPRESSION", codec, "must be one of " + CODECS);
        LogFormat logFormat = env.choice("LOG_FORMAT", LogFormat.class, LogFormat.TEXT);
        return new LakeSettings(
                kafka, store, zone, weekStart, grace, field, bounds, maxRecord, schema, codec, logFormat);
    }

    private static Instant eventTimeMin(EnvReader env) {
        Instant fallback = EventTimeBounds.DEFAULT.notBefore();
        String v = env.string("EVENT_TIME_MIN", fallback.toString());
        try {
            Instant t = OffsetDateTime.parse(v).toInstant();
            if (!t.isBefore(EARLIEST) && !t.isAfter(LATEST)) {
                return t;
            }
        } catch (DateTimeException e) {
            // reported below
        }
        env.error(
                "EVENT_TIME_MIN",
                v,
                "must be an ISO-8601 instant with offset (e.g. 2000-01-01T00:00:00Z) between " + EARLIEST + " and "
                        + LATEST);
        return fallback;
    }

    /** One {@code NAME=value} line per effective setting, secrets masked, for the start-up log. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("KAFKA_BROKERS=" + String.join(",", kafka.brokers()));
        lines.add("KAFKA_TOPIC=" + kafka.topic());
        lines.add("KAFKA_GROUP_ID=" + kafka.groupId());
        lines.add("KAFKA_SECURITY_PROTOCOL=" + kafka.securityProtocol());
        kafka.saslMechanism().ifPresent(m -> lines.add("KAFKA_SASL_MECHANISM=" + m));
        kafka.saslJaasConfig().ifPresent(s -> lines.add("KAFKA_SASL_JAAS_CONFIG=" + s));
        kafka.sslTruststoreLocation().ifPresent(l -> lines.add("KAFKA_SSL_TRUSTSTORE_LOCATION=" + l));
        kafka.sslTruststorePassword().ifPresent(s -> lines.add("KAFKA_SSL_TRUSTSTORE_PASSWORD=" + s));
        lines.add("MINIO_ENDPOINT=" + store.endpoint());
        lines.add("MINIO_ACCESS_KEY=" + store.accessKey());
        lines.add("MINIO_SECRET_KEY=" + store.secretKey());
        lines.add("MINIO_BUCKET=" + store.bucket());
        lines.add("MINIO_SECURE=" + store.secure());
        lines.add("MINIO_CREATE_BUCKET=" + store.createBucket());
        lines.add("STORE_CONNECT_TIMEOUT=" + store.connectTimeout());
        lines.add("STORE_REQUEST_TIMEOUT=" + store.requestTimeout());
        lines.add("TIMEZONE=" + zone.getId());
        lines.add("WEEK_START=" + weekStart);
        lines.add("WINDOW_GRACE=" + windowGrace);
        lines.add("EVENT_TIME_FIELD=" + eventTimeField.orElse(""));
        lines.add("EVENT_TIME_MIN=" + eventTimeBounds.notBefore());
        lines.add("EVENT_TIME_MAX_AHEAD=" + eventTimeBounds.maxAhead());
        lines.add("MAX_RECORD_BYTES=" + maxRecordBytes);
        lines.add("STRICT_SCHEMA_FILE=" + strictSchemaFile.map(Path::toString).orElse(""));
        lines.add("PARQUET_COMPRESSION=" + compression);
        lines.add("LOG_FORMAT=" + logFormat.name().toLowerCase(java.util.Locale.ROOT));
        return lines;
    }

    /** Convenience for services: read, then fail with every error at once. */
    public static LakeSettings fromEnv(Map<String, String> env, String defaultGroupId) {
        EnvReader reader = new EnvReader(env);
        LakeSettings s = read(reader, defaultGroupId);
        reader.throwIfInvalid();
        return s;
    }
}

package io.fmslake.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.row.EventTimeBounds;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LakeSettingsTest {
    static Map<String, String> valid() {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BROKERS", "kafka-0:9092, kafka-1:9092");
        env.put("KAFKA_TOPIC", "fms-data");
        env.put("MINIO_ENDPOINT", "minio:9000");
        env.put("MINIO_ACCESS_KEY", "AKIAEXAMPLE");
        env.put("MINIO_SECRET_KEY", "s3cr3t-value");
        return env;
    }

    @Test
    void appliesTheContractDefaults() {
        LakeSettings s = LakeSettings.fromEnv(valid(), "fms-realtime-collector");
        assertEquals(List.of("kafka-0:9092", "kafka-1:9092"), s.kafka().brokers());
        assertEquals("fms-realtime-collector", s.kafka().groupId());
        assertEquals("fms-data", s.store().bucket());
        assertFalse(s.store().secure());
        assertEquals("http://minio:9000", s.store().url());
        assertEquals(ZoneId.of("UTC"), s.zone());
        assertEquals(DayOfWeek.SUNDAY, s.weekStart());
        assertTrue(s.eventTimeField().isEmpty());
        assertEquals(Duration.ofSeconds(20), s.windowGrace());
        assertEquals(LakeSettings.DEFAULT_CODEC, s.compression());
        assertEquals(Instant.parse("2000-01-01T00:00:00Z"), s.eventTimeBounds().notBefore());
        assertEquals(Duration.ofDays(1), s.eventTimeBounds().maxAhead());
        assertEquals(Duration.ofSeconds(5), s.store().connectTimeout());
        assertEquals(Duration.ofSeconds(20), s.store().requestTimeout());
        assertEquals(Duration.ZERO, s.store().callTimeout(), "whole calls unbounded unless a service sets it");
    }

    @Test
    void readsEveryExtra() {
        Map<String, String> env = valid();
        env.put("KAFKA_GROUP_ID", "my-group");
        env.put("MINIO_SECURE", "true");
        env.put("MINIO_BUCKET", "plant-7");
        env.put("TIMEZONE", "Asia/Seoul");
        env.put("WEEK_START", "monday");
        env.put("EVENT_TIME_FIELD", "timestamp");
        env.put("WINDOW_GRACE", "45s");
        env.put("MAX_RECORD_BYTES", "2MiB");
        env.put("PARQUET_COMPRESSION", "snappy");
        env.put("EVENT_TIME_MIN", "2015-06-01T09:00:00+09:00");
        env.put("EVENT_TIME_MAX_AHEAD", "2h");
        env.put("STORE_CONNECT_TIMEOUT", "2s");
        env.put("STORE_REQUEST_TIMEOUT", "1m");
        LakeSettings s = LakeSettings.fromEnv(env, "fms-realtime-collector");
        assertEquals(Duration.ofSeconds(2), s.store().connectTimeout());
        assertEquals(Duration.ofMinutes(1), s.store().requestTimeout());
        assertEquals("my-group", s.kafka().groupId());
        assertEquals("https://minio:9000", s.store().url());
        assertEquals("plant-7", s.store().bucket());
        assertEquals(ZoneId.of("Asia/Seoul"), s.zone());
        assertEquals(DayOfWeek.MONDAY, s.weekStart());
        assertEquals("timestamp", s.eventTimeField().orElseThrow());
        assertEquals(Duration.ofSeconds(45), s.windowGrace());
        assertEquals(2L << 20, s.maxRecordBytes());
        assertEquals("SNAPPY", s.compression());
        assertEquals(
                new EventTimeBounds(Instant.parse("2015-06-01T00:00:00Z"), Duration.ofHours(2)), s.eventTimeBounds());
        assertTrue(
                s.describe().containsAll(List.of("EVENT_TIME_MIN=2015-06-01T00:00:00Z", "EVENT_TIME_MAX_AHEAD=PT2H")),
                s.describe().toString());
    }

    @Test
    void reportsEveryErrorAtOnceWithNameValueAndRule() {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BROKERS", "kafka-0");
        env.put("MINIO_ENDPOINT", "http://minio:9000");
        env.put("MINIO_BUCKET", "X");
        env.put("MINIO_SECURE", "maybe");
        env.put("TIMEZONE", "Mars/Olympus");
        env.put("WEEK_START", "Funday");
        env.put("WINDOW_GRACE", "soon");
        env.put("PARQUET_COMPRESSION", "brotli9");
        env.put("STRICT_SCHEMA_FILE", "/no/such/file.avsc");
        env.put("EVENT_TIME_MIN", "2000-01-01");
        env.put("EVENT_TIME_MAX_AHEAD", "10s");
        ConfigException e = assertThrows(ConfigException.class, () -> LakeSettings.fromEnv(env, "g"));
        List<String> errors = e.errors();
        assertContains(errors, "KAFKA_BROKERS=kafka-0:", "host:port");
        assertContains(errors, "KAFKA_TOPIC=<unset>:", "required");
        assertContains(errors, "MINIO_ENDPOINT=http://minio:9000:", "without a scheme");
        assertContains(errors, "MINIO_ACCESS_KEY=<unset>:", "required");
        assertContains(errors, "MINIO_SECRET_KEY=<unset>:", "required");
        assertContains(errors, "MINIO_BUCKET=X:", "bucket name");
        assertContains(errors, "MINIO_SECURE=maybe:", "true or false");
        assertContains(errors, "TIMEZONE=Mars/Olympus:", "IANA");
        assertContains(errors, "WEEK_START=Funday:", "SUNDAY");
        assertContains(errors, "WINDOW_GRACE=soon:", "duration");
        assertContains(errors, "PARQUET_COMPRESSION=BROTLI9:", "one of");
        assertContains(errors, "STRICT_SCHEMA_FILE=/no/such/file.avsc:", "readable file");
        assertContains(errors, "EVENT_TIME_MIN=2000-01-01:", "ISO-8601 instant with offset");
        assertContains(errors, "EVENT_TIME_MAX_AHEAD=10s:", "[PT1M, PT87600H]");
        assertEquals(14, errors.size(), String.join("\n", errors));
        assertTrue(e.getMessage().startsWith("invalid configuration (14 errors)"), e.getMessage());
    }

    @Test
    void saslNeedsItsJaasConfig() {
        Map<String, String> env = valid();
        env.put("KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
        ConfigException e = assertThrows(ConfigException.class, () -> LakeSettings.fromEnv(env, "g"));
        assertContains(e.errors(), "KAFKA_SASL_JAAS_CONFIG=<unset>:", "SASL_SSL");
    }

    @Test
    void secretsNeverPrint() {
        Map<String, String> env = valid();
        env.put("KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
        env.put("KAFKA_SASL_MECHANISM", "PLAIN");
        env.put(
                "KAFKA_SASL_JAAS_CONFIG",
                "org.apache.kafka.common.security.plain.PlainLoginModule required password=\"pw-123\";");
        LakeSettings s = LakeSettings.fromEnv(env, "g");
        String printed = String.join("\n", s.describe()) + s;
        assertFalse(printed.contains("s3cr3t-value"), printed);
        assertFalse(printed.contains("AKIAEXAMPLE"), printed);
        assertFalse(printed.contains("pw-123"), printed);
        assertTrue(printed.contains("MINIO_SECRET_KEY=[hidden]"), printed);
        assertEquals(
                "pw-123",
                s.kafka()
                        .clientProperties()
                        .get("sasl.jaas.config")
                        .toString()
                        .replaceAll(".*password=\"([^\"]+)\".*", "$1"));
    }

    @Test
    void aBadSecretValueIsNotEchoed() {
        Map<String, String> env = valid();
        env.remove("MINIO_SECRET_KEY");
        ConfigException e = assertThrows(ConfigException.class, () -> LakeSettings.fromEnv(env, "g"));
        assertFalse(e.getMessage().contains("AKIAEXAMPLE"));
    }

    @Test
    void tracksTheNamesItReads() {
        EnvReader reader = new EnvReader(valid());
        LakeSettings.read(reader, "g");
        assertTrue(
                reader.namesRead()
                        .containsAll(List.of(
                                "KAFKA_BROKERS",
                                "KAFKA_TOPIC",
                                "KAFKA_GROUP_ID",
                                "MINIO_ENDPOINT",
                                "MINIO_ACCESS_KEY",
                                "MINIO_SECRET_KEY",
                                "MINIO_BUCKET",
                                "MINIO_SECURE",
                                "TIMEZONE",
                                "EVENT_TIME_FIELD",
                                "WEEK_START")),
                reader.namesRead().toString());
    }

    private static void assertContains(List<String> errors, String prefix, String rulePart) {
        assertTrue(
                errors.stream().anyMatch(e -> e.startsWith(prefix) && e.contains(rulePart)),
                "no error starting '" + prefix + "' mentioning '" + rulePart + "' in:\n" + String.join("\n", errors));
    }
}

package io.fmslake.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.config.ConfigException;
import io.fmslake.testkit.LakeEnv;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CollectorSettingsTest {
    static Map<String, String> valid() {
        return LakeEnv.required();
    }

    @Test
    void defaultsFitA512MiBHeapAndStartAtTheLatestOffset() {
        CollectorSettings s = CollectorSettings.fromEnv(valid());
        assertEquals("fms-realtime-collector", s.lake().kafka().groupId());
        assertEquals(CollectorSettings.StartOffset.LATEST, s.startOffset());
        assertEquals(128L << 20, s.bufferMaxBytes());
        assertEquals(8080, s.httpPort());
        assertEquals(Duration.ofSeconds(25), s.shutdownTimeout());
        assertEquals(Duration.ofMinutes(1), s.lateFlushInterval());
        assertEquals(Optional.empty(), s.crashPoint());
    }

    @Test
    void readsEveryExtra() {
        Map<String, String> env = valid();
        env.put("START_OFFSET", "earliest");
        env.put("BUFFER_MAX_BYTES", "32MiB");
        env.put("HTTP_PORT", "9090");
        env.put("LOG_FORMAT", "json");
        env.put("SHUTDOWN_TIMEOUT", "10s");
        env.put("MAX_POLL_RECORDS", "500");
        env.put("FLUSH_IDLE", "500ms");
        env.put("LATE_FLUSH_INTERVAL", "30s");
        env.put("DECODE_THREADS", "3");
        env.put("FLUSH_THREADS", "1");
        env.put("FMS_TEST_CRASH_POINT", "after-upload:2");
        CollectorSettings s = CollectorSettings.fromEnv(env);
        assertEquals(CollectorSettings.StartOffset.EARLIEST, s.startOffset());
        assertEquals(32L << 20, s.bufferMaxBytes());
        assertEquals(9090, s.httpPort());
        assertEquals(Duration.ofSeconds(10), s.shutdownTimeout());
        assertEquals(500, s.maxPollRecords());
        assertEquals(Duration.ofMillis(500), s.flushIdle());
        assertEquals(Duration.ofSeconds(30), s.lateFlushInterval());
        assertEquals(3, s.decodeThreads());
        assertEquals(1, s.flushThreads());
        assertEquals(Optional.of("after-upload:2"), s.crashPoint());
    }

    @Test
    void reportsEveryBadValueAtOnce() {
        Map<String, String> env = valid();
        env.remove("KAFKA_TOPIC");
        env.put("START_OFFSET", "middle");
        env.put("BUFFER_MAX_BYTES", "lots");
        env.put("HTTP_PORT", "70000");
        env.put("LOG_FORMAT", "xml");
        env.put("FMS_TEST_CRASH_POINT", "somewhere");
        List<String> errors = assertThrows(ConfigException.class, () -> CollectorSettings.fromEnv(env))
                .errors();
        assertEquals(6, errors.size(), errors.toString());
        for (String name : List.of(
                "KAFKA_TOPIC=",
                "START_OFFSET=middle",
                "BUFFER_MAX_BYTES=lots",
                "HTTP_PORT=70000",
                "LOG_FORMAT=xml",
                "FMS_TEST_CRASH_POINT=somewhere")) {
            assertTrue(errors.stream().anyMatch(e -> e.startsWith(name)), name + " in " + errors);
        }
    }

    @Test
    void theUploadTimeoutFollowsTheSessionAndMustLeaveRoomInTheLease() {
        Map<String, String> env = LakeEnv.required();
        CollectorSettings s = CollectorSettings.fromEnv(env);
        assertEquals(Duration.ofSeconds(15), s.storeUploadTimeout(), "a third of the 45 s session");
        assertEquals(Duration.ofSeconds(45), s.leaseSpan());
        assertEquals(Duration.ofSeconds(15), s.store().callTimeout(), "every whole store call bounded by it");
        assertEquals(Duration.ofSeconds(5), s.store().connectTimeout());

        env.put("KAFKA_SESSION_TIMEOUT", "30m");
        s = CollectorSettings.fromEnv(env);
        assertEquals(Duration.ofSeconds(20), s.storeUploadTimeout());
        assertEquals(Duration.ofSeconds(150), s.leaseSpan(), "capped at half the rebalance timeout");

        env.put("KAFKA_SESSION_TIMEOUT", "6s");
        env.put("STORE_UPLOAD_TIMEOUT", "3s");
        List<String> errors = assertThrows(ConfigException.class, () -> CollectorSettings.fromEnv(env))
                .errors();
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(
                errors.get(0).startsWith("STORE_UPLOAD_TIMEOUT")
                        && errors.get(0).contains("2600 ms"),
                errors.get(0));
        env.put("STORE_UPLOAD_TIMEOUT", "2600ms");
        assertEquals(Duration.ofMillis(2600), CollectorSettings.fromEnv(env).storeUploadTimeout());
    }

    @Test
    void describesEverySettingWithSecretsMasked() {
        List<String> lines = CollectorSettings.fromEnv(valid()).describe();
        assertTrue(lines.contains("MINIO_SECRET_KEY=[hidden]"));
        assertTrue(lines.contains("START_OFFSET=latest"));
        assertTrue(lines.contains("BUFFER_MAX_BYTES=134217728"));
        assertFalse(String.join("\n", lines).contains(LakeEnv.SECRET));
    }

    @Test
    void theConsumerNeverResetsByItselfAndLooksForNewPartitionsEveryDiscoveryInterval() {
        Map<String, String> env = valid();
        env.put("START_OFFSET", "earliest");
        CollectorSettings defaults = CollectorSettings.fromEnv(env);
        assertEquals(Duration.ofSeconds(30), defaults.partitionDiscoveryInterval());
        java.util.Properties props = new ConsumerProperties(defaults, "test").properties();
        assertEquals("none", props.get("auto.offset.reset"), "START_OFFSET is applied by the collector, once");
        assertEquals("30000", props.get("metadata.max.age.ms"));

        env.put("PARTITION_DISCOVERY_INTERVAL", "2s");
        assertEquals(
                "2000",
                new ConsumerProperties(CollectorSettings.fromEnv(env), "test")
                        .properties()
                        .get("metadata.max.age.ms"));
        env.put("PARTITION_DISCOVERY_INTERVAL", "100ms");
        List<String> errors = assertThrows(ConfigException.class, () -> CollectorSettings.fromEnv(env))
                .errors();
        assertTrue(errors.get(0).startsWith("PARTITION_DISCOVERY_INTERVAL=100ms"), errors.toString());
    }

    @Test
    void crashPointsHaltOnTheNthVisitOnly() {
        int[] halts = {0};
        CrashPoints points = new CrashPoints(Optional.of("after-upload:2"), () -> halts[0]++);
        points.reached("after-commit");
        points.reached("after-upload");
        assertEquals(0, halts[0]);
        points.reached("after-upload");
        assertEquals(1, halts[0]);
        points.reached("after-upload");
        assertEquals(1, halts[0]);
        assertTrue(CrashPoints.valid("before-upload"));
        assertFalse(CrashPoints.valid("after-upload:0"));
        assertFalse(CrashPoints.valid("later"));
    }
}

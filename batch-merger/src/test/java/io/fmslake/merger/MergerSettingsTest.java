package io.fmslake.merger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.config.ConfigException;
import io.fmslake.testkit.LakeEnv;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MergerSettingsTest {
    private static Map<String, String> base() {
        return LakeEnv.required();
    }

    @Test
    void defaultsMatchTheSeedSchedules() {
        MergerSettings s = MergerSettings.fromEnv(base());
        assertEquals("1 * * * *", s.hourCron());
        assertEquals("5 0 * * *", s.dayCron());
        assertEquals("10 0 * * 1", s.weekCron());
        assertEquals("fms-realtime-collector", s.collectorGroupId());
        assertEquals(Duration.ofMinutes(2), s.leaseTtl());
        assertEquals("text", s.logFormat());
    }

    @Test
    void everyErrorIsReportedAtOnce() {
        Map<String, String> env = base();
        env.put("LEASE_TTL", "forever");
        env.put("MERGE_DAY_CRON", "5 0 * *");
        env.put("ROW_GROUP_BYTES", "12");
        env.put("LOG_FORMAT", "xml");
        env.remove("KAFKA_TOPIC");
        ConfigException e = assertThrows(ConfigException.class, () -> MergerSettings.fromEnv(env));
        for (String name :
                new String[] {"LEASE_TTL", "MERGE_DAY_CRON", "ROW_GROUP_BYTES", "LOG_FORMAT", "KAFKA_TOPIC"}) {
            assertTrue(e.getMessage().contains(name), name + " missing in " + e.getMessage());
        }
    }

    @Test
    void describeMasksSecrets() {
        Map<String, String> env = base();
        env.put("MERGE_HOUR_CRON", "2 * * * *");
        String text = String.join("\n", MergerSettings.fromEnv(env).describe());
        assertFalse(text.contains(LakeEnv.SECRET));
        assertTrue(text.contains("MINIO_SECRET_KEY=[hidden]"));
        assertTrue(text.contains("MERGE_HOUR_CRON=2 * * * *"));
    }

    @Test
    void fileSizesDefaultToHalfAGibibyteWithTwiceThatAsScratch() {
        MergerSettings s = MergerSettings.fromEnv(base());
        assertEquals(512L << 20, s.sizes().targetFileBytes());
        assertEquals(1L << 30, s.sizes().scratchBytes());
        Map<String, String> env = base();
        env.put("TARGET_FILE_BYTES", "256KiB");
        assertEquals(512L << 10, MergerSettings.fromEnv(env).sizes().scratchBytes(), "twice the target");
    }

    @Test
    void aScratchBudgetBelowFiveQuartersOfTheTargetIsRejectedNamingBoth() {
        Map<String, String> env = base();
        env.put("TARGET_FILE_BYTES", "1GiB");
        env.put("MERGE_SCRATCH_BYTES", "1GiB");
        ConfigException e = assertThrows(ConfigException.class, () -> MergerSettings.fromEnv(env));
        assertTrue(e.getMessage().contains("MERGE_SCRATCH_BYTES=1073741824"), e.getMessage());
        assertTrue(e.getMessage().contains("five quarters of TARGET_FILE_BYTES"), e.getMessage());
        env.put("TARGET_FILE_BYTES", "1KiB");
        env.remove("MERGE_SCRATCH_BYTES");
        e = assertThrows(ConfigException.class, () -> MergerSettings.fromEnv(env));
        assertTrue(e.getMessage().contains("TARGET_FILE_BYTES=1KiB"), e.getMessage());
    }

    @Test
    void rowGroupsAreAtMostAQuarterOfTheTargetAndFollowItByDefault() {
        assertEquals(128L << 20, MergerSettings.fromEnv(base()).rowGroupBytes(), "a quarter of 512 MiB");
        Map<String, String> env = base();
        env.put("TARGET_FILE_BYTES", "64MiB");
        assertEquals(16L << 20, MergerSettings.fromEnv(env).rowGroupBytes(), "follows a smaller target");
        env.put("TARGET_FILE_BYTES", "256KiB");
        assertEquals(1L << 20, MergerSettings.fromEnv(env).rowGroupBytes(), "never below 1 MiB");
        env.put("TARGET_FILE_BYTES", "64MiB");
        env.put("ROW_GROUP_BYTES", "32MiB");
        ConfigException e = assertThrows(ConfigException.class, () -> MergerSettings.fromEnv(env));
        assertTrue(e.getMessage().contains("ROW_GROUP_BYTES=33554432"), e.getMessage());
        assertTrue(e.getMessage().contains("a quarter of TARGET_FILE_BYTES"), e.getMessage());
    }

    @Test
    void withoutShardsARunTakesEveryWindow() {
        Map<String, String> env = base();
        env.put("JOB_COMPLETION_INDEX", "2"); // an Indexed Job without MERGE_SHARDS: every pod takes every window
        assertEquals(Shard.ALL, MergerSettings.fromEnv(env).shard());
        assertEquals(Shard.ALL, MergerSettings.fromEnv(base()).shard());
    }

    @Test
    void shardsComeFromMergeShardsAndTheJobCompletionIndex() {
        Map<String, String> env = base();
        env.put("MERGE_SHARDS", "3");
        env.put("JOB_COMPLETION_INDEX", "2");
        MergerSettings s = MergerSettings.fromEnv(env);
        assertEquals(new Shard(2, 3), s.shard());
        assertTrue(
                s.describe().contains("MERGE_SHARDS=3 (JOB_COMPLETION_INDEX=2)"),
                s.describe().toString());
    }

    @Test
    void shardsWithoutAnIndexOrAnIndexOutOfRangeAreRejected() {
        Map<String, String> env = base();
        env.put("MERGE_SHARDS", "3");
        ConfigException e = assertThrows(ConfigException.class, () -> MergerSettings.fromEnv(env));
        assertTrue(e.getMessage().contains("MERGE_SHARDS=3: needs JOB_COMPLETION_INDEX"), e.getMessage());
        env.put("JOB_COMPLETION_INDEX", "3");
        e = assertThrows(ConfigException.class, () -> MergerSettings.fromEnv(env));
        assertTrue(e.getMessage().contains("JOB_COMPLETION_INDEX=3: must be an integer in [0, 2]"), e.getMessage());
        env.put("MERGE_SHARDS", "0");
        e = assertThrows(ConfigException.class, () -> MergerSettings.fromEnv(env));
        assertTrue(e.getMessage().contains("MERGE_SHARDS=0"), e.getMessage());
    }

    @Test
    void deadLetterRetentionIsEmptyByDefaultAndAValidatedDuration() {
        Map<String, String> env = base();
        assertEquals(java.util.Optional.empty(), MergerSettings.fromEnv(env).deadLetterRetention());
        env.put("DEAD_LETTER_RETENTION", "");
        assertEquals(java.util.Optional.empty(), MergerSettings.fromEnv(env).deadLetterRetention());
        env.put("DEAD_LETTER_RETENTION", "90d");
        MergerSettings s = MergerSettings.fromEnv(env);
        assertEquals(java.util.Optional.of(Duration.ofDays(90)), s.deadLetterRetention());
        assertTrue(
                s.describe().contains("DEAD_LETTER_RETENTION=PT2160H"),
                s.describe().toString());
        for (String bad : new String[] {"30m", "forever", "-1d"}) {
            env.put("DEAD_LETTER_RETENTION", bad);
            ConfigException e = assertThrows(ConfigException.class, () -> MergerSettings.fromEnv(env));
            assertTrue(
                    e.getMessage().contains("DEAD_LETTER_RETENTION=" + bad + ": must be a duration"), e.getMessage());
        }
    }
}

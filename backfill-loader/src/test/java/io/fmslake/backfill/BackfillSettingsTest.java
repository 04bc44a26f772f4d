package io.fmslake.backfill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.backfill.load.Shard;
import io.fmslake.config.ConfigException;
import io.fmslake.testkit.LakeEnv;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackfillSettingsTest {
    private static final long HEAP = 1L << 30;

    private static Map<String, String> env() {
        Map<String, String> env = LakeEnv.required();
        env.put("BACKFILL_SPILL_DIR", "/spill");
        return env;
    }

    @Test
    void onePodLoadingEverythingInChunksOfTwentyMillionByDefault() {
        BackfillSettings s = BackfillSettings.fromEnv(env(), HEAP, 2);
        assertEquals(Shard.SINGLE, s.shard());
        assertEquals(20_000_000, s.chunkRecords());
        assertEquals(Path.of("/spill"), s.spillDir());
        assertTrue(s.describe().contains("BACKFILL_SHARDS=1"), s.describe().toString());
    }

    @Test
    void rowGroupsFollowTheTargetAndAreRefusedAboveAQuarterOfIt() {
        Map<String, String> env = env();
        env.put("TARGET_FILE_BYTES", "64MiB");
        assertEquals(16L << 20, BackfillSettings.fromEnv(env, HEAP, 2).rowGroupBytes());
        env.put("ROW_GROUP_BYTES", "64MiB");
        ConfigException e = assertThrows(ConfigException.class, () -> BackfillSettings.fromEnv(env, HEAP, 2));
        assertTrue(e.getMessage().contains("ROW_GROUP_BYTES=67108864"), e.getMessage());
    }

    @Test
    void aPodOfAnIndexedJobTakesItsIndexAndASpillDirectoryOfItsOwn() {
        Map<String, String> env = env();
        env.put("BACKFILL_SHARDS", "4");
        env.put("JOB_COMPLETION_INDEX", "3");
        env.put("BACKFILL_CHUNK_RECORDS", "5000");
        BackfillSettings s = BackfillSettings.fromEnv(env, HEAP, 2);
        assertEquals(new Shard(3, 4), s.shard());
        assertEquals(5_000, s.chunkRecords());
        assertEquals(Path.of("/spill", "shard-3"), s.spillDir());
    }

    @Test
    void aMissingOrTooLargeIndexAndATinyChunkAreRefusedTogether() {
        Map<String, String> env = env();
        env.put("BACKFILL_SHARDS", "3");
        env.put("BACKFILL_CHUNK_RECORDS", "10");
        ConfigException e = assertThrows(ConfigException.class, () -> BackfillSettings.fromEnv(env, HEAP, 2));
        assertTrue(
                e.getMessage().contains("JOB_COMPLETION_INDEX=<unset>: is required when BACKFILL_SHARDS=3"),
                e.getMessage());
        assertTrue(e.getMessage().contains("BACKFILL_CHUNK_RECORDS=10"), e.getMessage());

        Map<String, String> single = env();
        single.put("JOB_COMPLETION_INDEX", "2");
        ConfigException notTold = assertThrows(ConfigException.class, () -> BackfillSettings.fromEnv(single, HEAP, 2));
        assertTrue(
                notTold.getMessage().contains("JOB_COMPLETION_INDEX=2: must be below BACKFILL_SHARDS=1"),
                notTold.getMessage());
    }
}

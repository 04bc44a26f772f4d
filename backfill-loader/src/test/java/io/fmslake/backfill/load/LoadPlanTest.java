package io.fmslake.backfill.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadPlanTest {
    @Test
    void readsFromTheEarliestOffsetUpToTheHandOver() {
        LoadPlan plan = LoadPlan.of(Map.of(0, 0L, 1, 40L), Map.of(0, 100L, 1, 90L), Map.of(), Map.of(0, 80L, 1, 90L));
        assertEquals(List.of(new PartitionRange(0, 0, 80), new PartitionRange(1, 40, 90)), plan.ranges());
        assertEquals(130, plan.total());
    }

    @Test
    void continuesWhereAFinishedRunStoppedAndNeverBeforeTheLogStart() {
        LoadPlan plan = LoadPlan.of(
                Map.of(0, 10L, 1, 0L), Map.of(0, 200L, 1, 200L), Map.of(0, 5L, 1, 150L), Map.of(0, 180L, 1, 150L));
        assertEquals(List.of(new PartitionRange(0, 10, 180), new PartitionRange(1, 150, 150)), plan.ranges());
        assertEquals(170, plan.total());
    }

    @Test
    void aHandOverBeyondTheLogEndIsClampedAndAFinishedRangeIsEmpty() {
        LoadPlan plan = LoadPlan.of(Map.of(0, 0L), Map.of(0, 50L), Map.of(0, 70L), Map.of(0, 70L));
        assertEquals(List.of(new PartitionRange(0, 50, 50)), plan.ranges());
        assertTrue(plan.isEmpty());
    }

    @Test
    void chunksTakeTheSameShareOfEveryPartitionAndTogetherAreThePlan() {
        LoadPlan plan = LoadPlan.of(
                Map.of(0, 0L, 1, 40L, 2, 0L),
                Map.of(0, 100L, 1, 90L, 2, 10L),
                Map.of(),
                Map.of(0, 100L, 1, 90L, 2, 10L));
        List<LoadPlan> chunks = plan.chunks(60);
        assertEquals(3, chunks.size(), "160 offsets in chunks of at most 60");
        assertEquals(
                List.of(new PartitionRange(0, 0, 34), new PartitionRange(1, 40, 57), new PartitionRange(2, 0, 4)),
                chunks.get(0).ranges());
        assertEquals(
                List.of(new PartitionRange(0, 34, 68), new PartitionRange(1, 57, 74), new PartitionRange(2, 4, 8)),
                chunks.get(1).ranges());
        assertEquals(
                List.of(new PartitionRange(0, 68, 100), new PartitionRange(1, 74, 90), new PartitionRange(2, 8, 10)),
                chunks.get(2).ranges());
        assertEquals(plan.total(), chunks.stream().mapToLong(LoadPlan::total).sum());
        for (LoadPlan c : chunks) {
            assertTrue(c.total() <= 60 + 3, "at most one more offset per partition: " + c);
        }
        assertEquals(Map.of(0, 34L, 1, 57L, 2, 4L), chunks.get(0).ends());
        assertEquals(plan.ends(), chunks.get(2).ends(), "the last chunk ends where the plan does");
        assertEquals(plan.starts(), chunks.get(0).starts());
    }

    @Test
    void aPlanWithinOneChunkIsItselfAndAnEmptyPlanIsOneEmptyChunk() {
        LoadPlan plan = LoadPlan.of(Map.of(0, 5L), Map.of(0, 50L), Map.of(), Map.of(0, 50L));
        assertEquals(List.of(plan), plan.chunks(45));
        assertEquals(List.of(plan), plan.chunks(1_000));
        LoadPlan done = LoadPlan.of(Map.of(0, 0L), Map.of(0, 50L), Map.of(0, 50L), Map.of(0, 50L));
        assertEquals(List.of(done), done.chunks(10));
    }

    @Test
    void aSmallPartitionRunsOutBeforeTheLastChunk() {
        LoadPlan plan = LoadPlan.of(Map.of(0, 0L, 1, 0L), Map.of(0, 1_000L, 1, 2L), Map.of(), Map.of(0, 1_000L, 1, 2L));
        List<LoadPlan> chunks = plan.chunks(100);
        assertEquals(11, chunks.size());
        assertEquals(new PartitionRange(1, 0, 1), chunks.get(0).ranges().get(1));
        assertEquals(new PartitionRange(1, 1, 2), chunks.get(1).ranges().get(1));
        assertEquals(new PartitionRange(1, 2, 2), chunks.get(2).ranges().get(1));
        assertEquals(new PartitionRange(1, 2, 2), chunks.get(10).ranges().get(1));
        assertEquals(1_002, chunks.stream().mapToLong(LoadPlan::total).sum());
    }
}

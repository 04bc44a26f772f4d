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
        LoadPlan plan = LoadPlan.of(Map.of(0, 10L, 1, 0L), Map.of(0, 200L, 1, 200L), Map.of(0, 5L, 1, 150L),
                Map.of(0, 180L, 1, 150L));
        assertEquals(List.of(new PartitionRange(0, 10, 180), new PartitionRange(1, 150, 150)), plan.ranges());
        assertEquals(170, plan.total());
    }

    @Test
    void aHandOverBeyondTheLogEndIsClampedAndAFinishedRangeIsEmpty() {
        LoadPlan plan = LoadPlan.of(Map.of(0, 0L), Map.of(0, 50L), Map.of(0, 70L), Map.of(0, 70L));
        assertEquals(List.of(new PartitionRange(0, 50, 50)), plan.ranges());
        assertTrue(plan.isEmpty());
    }
}

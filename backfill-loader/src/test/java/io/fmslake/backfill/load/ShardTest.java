package io.fmslake.backfill.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShardTest {
    private static final List<Integer> PARTITIONS =
            IntStream.range(0, 8).boxed().toList();

    @Test
    void theIndexesOfAJobLoadDisjointSetsThatCoverTheTopic() {
        List<Integer> seen = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            List<Integer> mine = new Shard(i, 3).of(PARTITIONS);
            mine.forEach(p -> assertFalse(seen.contains(p), p + " loaded twice"));
            seen.addAll(mine);
        }
        assertEquals(PARTITIONS, seen.stream().sorted().toList());
        assertEquals(List.of(1, 4, 7), new Shard(1, 3).of(PARTITIONS));
    }

    @Test
    void onePodLoadsEverythingAndOnlyIndexZeroRecordsTheHandOver() {
        assertEquals(PARTITIONS, Shard.SINGLE.of(PARTITIONS));
        assertTrue(Shard.SINGLE.recordsHandOver());
        assertTrue(new Shard(0, 4).recordsHandOver());
        assertFalse(new Shard(3, 4).recordsHandOver());
        assertEquals(List.of(), new Shard(9, 10).of(PARTITIONS), "more pods than partitions: nothing to load");
        assertEquals("2/4", new Shard(2, 4).toString());
    }

    @Test
    void anIndexOutsideTheCountIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Shard(3, 3));
        assertThrows(IllegalArgumentException.class, () -> new Shard(-1, 3));
        assertThrows(IllegalArgumentException.class, () -> new Shard(0, 0));
    }
}

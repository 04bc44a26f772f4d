package io.fmslake.row;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class OffsetSetTest {

    @Test
    void consecutiveOffsetsCollapseIntoRanges() {
        OffsetSet s = new OffsetSet();
        for (long o = 0; o < 100; o++) {
            s.add(0, o);
        }
        s.add(0, 120);
        s.addRange(2, 5, 5);
        assertEquals("0:0-99,120-120;2:5-5", s.encode());
        assertEquals(102, s.count());
        assertEquals(0, s.min(0));
        assertEquals(120, s.max(0));
        assertEquals(-1, s.min(1));
        assertEquals(List.of(0, 2), s.partitions());
    }

    @Test
    void encodeDecodeRoundTrips() {
        OffsetSet s = new OffsetSet();
        s.addRange(0, 0, 99);
        s.addRange(0, 120, 130);
        s.addRange(7, 9_000_000_000L, 9_000_000_005L);
        OffsetSet back = OffsetSet.decode(s.encode());
        assertEquals(s, back);
        assertEquals(s.hashCode(), back.hashCode());
        assertTrue(OffsetSet.decode("").isEmpty());
        assertTrue(OffsetSet.decode(null).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> OffsetSet.decode("0:5"));
        assertThrows(IllegalArgumentException.class, () -> OffsetSet.decode("x:1-2"));
        assertThrows(IllegalArgumentException.class, () -> OffsetSet.decode("0:9-2"));
    }

    @Test
    void mergeMatchesASetOfCoordinatesInAnyOrder() {
        Random random = new Random(5);
        for (int round = 0; round < 200; round++) {
            TreeSet<Long> truth = new TreeSet<>();
            OffsetSet a = new OffsetSet();
            OffsetSet b = new OffsetSet();
            List<Long> offsets = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                offsets.add((long) random.nextInt(120));
            }
            Collections.shuffle(offsets, random);
            for (int i = 0; i < offsets.size(); i++) {
                (i % 2 == 0 ? a : b).add(3, offsets.get(i));
                truth.add(offsets.get(i));
            }
            OffsetSet merged = new OffsetSet();
            merged.addAll(a);
            merged.addAll(b);
            assertEquals(truth.size(), merged.count());
            for (long o = -1; o <= 121; o++) {
                assertEquals(truth.contains(o), merged.contains(3, o), "offset " + o);
            }
            assertFalse(merged.contains(4, offsets.get(0)));
            assertEquals(a.count(), a.countIn(merged));
            assertEquals(merged, OffsetSet.decode(merged.encode()));
        }
    }

    @Test
    void overlapIsCounted() {
        OffsetSet a = OffsetSet.decode("0:0-9;1:5-6");
        OffsetSet b = OffsetSet.decode("0:5-20;2:0-100");
        assertEquals(5, a.countIn(b));
        assertEquals(5, b.countIn(a));
    }
}

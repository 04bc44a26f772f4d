package io.fmslake.row;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OffsetSetTest {
    @Test
    void consecutiveOffsetsCollapseIntoRanges() {
        OffsetSet s = new OffsetSet();
        for (long o = 100; o < 200; o++) {
            s.add(0, o);
        }
        s.add(2, 5);
        assertEquals("0:100-199;2:5-5", s.encode());
        assertEquals(101, s.count());
        assertEquals(100, s.min(0));
        assertEquals(199, s.max(0));
        assertEquals(-1, s.min(1));
    }

    @Test
    void matchesAPlainSetUnderRandomInserts() {
        Random random = new Random(42);
        OffsetSet s = new OffsetSet();
        Set<Long> truth = new HashSet<>();
        for (int i = 0; i < 5_000; i++) {
            long o = random.nextInt(3_000);
            if (random.nextInt(10) == 0) {
                long len = random.nextInt(20);
                s.addRange(1, o, o + len);
                for (long k = o; k <= o + len; k++) {
                    truth.add(k);
                }
            } else {
                s.add(1, o);
                truth.add(o);
            }
        }
        assertEquals(truth.size(), s.count());
        for (long o = -5; o < 3_100; o++) {
            assertEquals(truth.contains(o), s.contains(1, o), "offset " + o);
        }
        assertEquals(s, OffsetSet.decode(s.encode()));
    }

    @Test
    void unionAndOverlap() {
        OffsetSet a = OffsetSet.decode("0:0-9,20-29;1:5-5");
        OffsetSet b = OffsetSet.decode("0:5-24;3:1-2");
        assertEquals(10, a.countIn(b));
        a.addAll(b);
        assertEquals("0:0-29;1:5-5;3:1-2", a.encode());
        assertTrue(a.contains(3, 2));
        assertFalse(a.contains(3, 3));
    }

    @Test
    void emptyAndMalformedText() {
        assertTrue(OffsetSet.decode("").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> OffsetSet.decode("0:9-"));
        assertThrows(IllegalArgumentException.class, () -> OffsetSet.decode("x:1-2"));
        assertThrows(IllegalArgumentException.class, () -> OffsetSet.decode("0:9-3"));
    }
}

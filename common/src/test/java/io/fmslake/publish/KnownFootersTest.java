package io.fmslake.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.row.OffsetSet;
import io.fmslake.store.StoredObject;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KnownFootersTest {
    private static final long ONE = KnownFooters.ENTRY_BYTES + KnownFooters.RANGE_BYTES;

    private static OffsetSet set(int partition, long from, long to) {
        OffsetSet s = new OffsetSet();
        s.addRange(partition, from, to);
        return s;
    }

    private static StoredObject file(String key, String etag, long size) {
        return new StoredObject(key, size, null, etag);
    }

    @Test
    void aFileIsKnownOnlyWithTheSameEtagAndSize() {
        KnownFooters known = new KnownFooters(1 << 20);
        known.remember("minute/20250612_1122", file("minute/20250612_1122.parquet", "e1", 10), set(0, 0, 9));

        assertEquals(
                Optional.of(set(0, 0, 9)),
                known.lookup("minute/20250612_1122", file("minute/20250612_1122.parquet", "e1", 10)));
        assertEquals(
                Optional.empty(),
                known.lookup("minute/20250612_1122", file("minute/20250612_1122.parquet", "e2", 10)),
                "replaced: another ETag");
        assertEquals(
                Optional.empty(),
                known.lookup("minute/20250612_1122", file("minute/20250612_1122.parquet", "e1", 11)),
                "another size");
        assertEquals(
                Optional.empty(),
                known.lookup("minute/20250612_1122", file("minute/20250612_1122-p0o5.parquet", "e1", 10)),
                "another key");
    }

    @Test
    void aReplacedFileIsRememberedWithItsNewEtagInPlaceOfTheOld() {
        KnownFooters known = new KnownFooters(1 << 20);
        known.remember("hour/20250612_11", file("hour/20250612_11.parquet", "e1", 10), set(0, 0, 9));
        known.remember("hour/20250612_11", file("hour/20250612_11.parquet", "e2", 12), set(0, 0, 19));

        assertEquals(1, known.files());
        assertEquals(ONE, known.bytes());
        assertEquals(
                Optional.of(set(0, 0, 19)),
                known.lookup("hour/20250612_11", file("hour/20250612_11.parquet", "e2", 12)));
    }

    @Test
    void theGroupsUsedLeastRecentlyAreForgottenPastTheBound() {
        KnownFooters known = new KnownFooters(3 * ONE);
        StoredObject a = file("minute/20250612_1120.parquet", "a", 1);
        known.remember("minute/20250612_1120", a, set(0, 0, 0));
        known.remember("minute/20250612_1121", file("minute/20250612_1121.parquet", "b", 1), set(0, 1, 1));
        known.remember("minute/20250612_1122", file("minute/20250612_1122.parquet", "c", 1), set(0, 2, 2));
        assertTrue(known.lookup("minute/20250612_1120", a).isPresent()); // 1120 is now the most recent

        known.remember("minute/20250612_1123", file("minute/20250612_1123.parquet", "d", 1), set(0, 3, 3));

        assertFalse(known.knowsGroup("minute/20250612_1121"), "the least recently used minute is forgotten");
        assertTrue(known.knowsGroup("minute/20250612_1120"));
        assertTrue(known.knowsGroup("minute/20250612_1122"));
        assertTrue(known.knowsGroup("minute/20250612_1123"));
        assertEquals(3 * ONE, known.bytes());
    }

    @Test
    void oneGroupLargerThanTheBoundKeepsOnlyWhatFits() {
        KnownFooters known = new KnownFooters(2 * ONE);
        for (int i = 0; i < 5; i++) {
            known.remember(
                    "minute/20250612_1122",
                    file("minute/20250612_1122-p0o" + i + ".parquet", "e" + i, 1),
                    set(0, i, i));
        }
        assertTrue(known.bytes() <= 2 * ONE, "bytes " + known.bytes());
        assertEquals(2, known.files());
    }

    @Test
    void aFileLargerThanTheBoundIsNotKept() {
        KnownFooters known = new KnownFooters(ONE);
        OffsetSet many = new OffsetSet();
        many.add(0, 1);
        many.add(0, 3);
        known.remember("week/20250608_20250614", file("week/20250608_20250614.parquet", "w", 1), many);

        assertEquals(0, known.files());
        assertEquals(0, known.bytes());
    }

    @Test
    void filesTheLatestListingDidNotShowAreForgotten() {
        KnownFooters known = new KnownFooters(1 << 20);
        known.remember("minute/20250612_1122", file("minute/20250612_1122.parquet", "a", 1), set(0, 0, 0));
        known.remember("minute/20250612_1122", file("minute/20250612_1122-p0o1.parquet", "b", 1), set(0, 1, 1));

        known.retain("minute/20250612_1122", List.of("minute/20250612_1122-p0o1.parquet"));
        assertEquals(1, known.files());
        assertEquals(ONE, known.bytes());

        known.retain("minute/20250612_1122", List.of());
        assertFalse(known.knowsGroup("minute/20250612_1122"));
        assertEquals(0, known.bytes());
    }

    @Test
    void noneKeepsNothing() {
        KnownFooters none = KnownFooters.none();
        StoredObject f = file("minute/20250612_1122.parquet", "a", 1);
        none.remember("minute/20250612_1122", f, set(0, 0, 0));
        assertEquals(Optional.empty(), none.lookup("minute/20250612_1122", f));
    }
}

package io.fmslake.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.row.OffsetSet;
import io.fmslake.store.ObjectStore;
import io.fmslake.store.StoreException;
import io.fmslake.store.StoredObject;
import io.fmslake.testkit.MemoryObjectStore;
import io.fmslake.window.Level;
import io.fmslake.window.Window;
import io.fmslake.window.WindowCodec;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LakeProbeTest {
    private final WindowCodec codec = new WindowCodec(ZoneId.of("UTC"), DayOfWeek.SUNDAY);
    private final MemoryObjectStore store = new MemoryObjectStore();
    private final Window minute = codec.windowOf(Level.MINUTE, LocalDateTime.parse("2025-06-12T11:22:30"));

    private static OffsetSet set(int partition, long from, long to) {
        OffsetSet s = new OffsetSet();
        s.addRange(partition, from, to);
        return s;
    }

    @Test
    void unionsMinuteFilesAndHourDayWeekCoveringTheMinute() {
        store.put("minute/20250612_1122.parquet", TextEncoder.fileOf(set(0, 0, 9)));
        store.put("minute/20250612_1122-p1o5.parquet", TextEncoder.fileOf(set(1, 5, 7)));
        store.put("minute/20250612_1123.parquet", TextEncoder.fileOf(set(0, 100, 109)));
        store.put("errors/20250612_1122-p0o50.parquet", TextEncoder.fileOf(set(0, 50, 50)));
        store.put("hour/20250612_11_12.parquet", TextEncoder.fileOf(set(2, 0, 3)));
        store.put("hour/20250612_10_11.parquet", TextEncoder.fileOf(set(2, 200, 203)));
        store.put("day/20250612.parquet", TextEncoder.fileOf(set(3, 0, 0)));
        store.put("week/20250608_20250614.parquet", TextEncoder.fileOf(set(4, 1, 1)));

        OffsetSet durable = new LakeProbe(store, codec, TextEncoder.READER).durableRows(minute);

        assertEquals("0:0-9;1:5-7;2:0-3;3:0-0;4:1-1", durable.encode());
    }

    @Test
    void looksAtLowerLevelsFirstSoAConcurrentMergeCannotHideARecord() {
        store.clearCalls();
        new LakeProbe(store, codec, TextEncoder.READER).durableRows(minute);
        List<String> calls = store.calls();
        assertEquals(
                List.of(
                        "list minute/20250612_1122",
                        "list hour/20250612_11_12",
                        "list day/20250612",
                        "list week/20250608_20250614"),
                calls);
    }

    @Test
    void aMinuteFileMergedAwayBetweenListAndReadIsFoundInTheHour() {
        store.put("minute/20250612_1122.parquet", TextEncoder.fileOf(set(0, 0, 9)));
        // the merger publishes the hour and deletes the minute right after the probe's listing
        OffsetsReader racing = (s, o) -> {
            if (o.key().startsWith("minute/")) {
                store.put("hour/20250612_11_12.parquet", TextEncoder.fileOf(set(0, 0, 9)));
                store.delete(o.key());
            }
            return TextEncoder.READER.read(s, o);
        };

        OffsetSet durable = new LakeProbe(store, codec, racing).durableRows(minute);

        assertEquals("0:0-9", durable.encode());
    }

    @Test
    void aMergeTargetReplacedWhileReadIsReadAgain() {
        store.put("hour/20250612_11_12.parquet", TextEncoder.fileOf(set(0, 0, 9)));
        AtomicInteger reads = new AtomicInteger();
        OffsetsReader replacing = (s, o) -> {
            if (reads.getAndIncrement() == 0) {
                store.put(o.key(), TextEncoder.fileOf(set(0, 0, 19)));
                throw new StoreException("torn read (test)");
            }
            return TextEncoder.READER.read(s, o);
        };

        OffsetSet durable = new LakeProbe(store, codec, replacing).durableRows(minute);

        assertEquals("0:0-19", durable.encode());
        assertEquals(2, reads.get());
    }

    @Test
    void aFileThatCannotBeReadAndStillExistsIsAnError() {
        store.put("minute/20250612_1122.parquet", "not an offset set".getBytes());
        LakeProbe probe = new LakeProbe(store, codec, TextEncoder.READER);
        assertThrows(IllegalArgumentException.class, () -> probe.durableRows(minute));
    }

    @Test
    void deadLettersAreProbedUnderErrorsOnly() {
        store.put("minute/20250612_1122.parquet", TextEncoder.fileOf(set(0, 0, 9)));
        store.put("errors/20250612_1122-p0o50.parquet", TextEncoder.fileOf(set(0, 50, 50)));
        store.put("errors/20250612_1121-p0o40.parquet", TextEncoder.fileOf(set(0, 40, 40)));

        OffsetSet durable = new LakeProbe(store, codec, TextEncoder.READER).durableDeadLetters(minute);

        assertEquals("0:50-50", durable.encode());
        assertTrue(new LakeProbe(store, codec, TextEncoder.READER)
                .durableRows(minute)
                .contains(0, 9));
    }

    @Test
    void deadLettersRolledUpIntoHourDayOrWeekFilesAreDurableButNotRowsOrOtherWindows() {
        store.put("errors/20250612_11_12.parquet", TextEncoder.fileOf(set(0, 51, 52)));
        store.put(
                "errors/20250612-part-20250612T000000000Z-0123456789abcdef.parquet",
                TextEncoder.fileOf(set(0, 53, 53)));
        store.put("errors/20250612.parquet", TextEncoder.fileOf(set(0, 54, 54)));
        store.put("errors/20250608_20250614.parquet", TextEncoder.fileOf(set(0, 55, 55)));
        store.put("errors/20250612_10_11.parquet", TextEncoder.fileOf(set(1, 0, 0)));
        store.put("errors/20250612_1121-p2o0.parquet", TextEncoder.fileOf(set(2, 0, 0)));
        store.put("errors/20250613.parquet", TextEncoder.fileOf(set(3, 0, 0)));
        store.put("hour/20250612_11_12.parquet", TextEncoder.fileOf(set(4, 0, 0)));

        OffsetSet durable = new LakeProbe(store, codec, TextEncoder.READER).durableDeadLetters(minute);

        assertEquals("0:51-55", durable.encode());
        assertEquals(
                "4:0-0",
                new LakeProbe(store, codec, TextEncoder.READER)
                        .durableRows(minute)
                        .encode());
    }

    @Test
    void deadLettersAreProbedLowerLevelFirstAndADayListsOnlyItsOwnFiles() {
        store.clearCalls();
        new LakeProbe(store, codec, TextEncoder.READER).durableDeadLetters(minute);
        assertEquals(
                List.of(
                        "list errors/20250612_1122",
                        "list errors/20250612_11_12",
                        "list errors/20250612.parquet",
                        "list errors/20250612-",
                        "list errors/20250608_20250614"),
                store.calls());
    }

    @Test
    void aDeadLetterMinuteRolledUpBetweenListAndReadIsFoundInTheHour() {
        store.put("errors/20250612_1122-p0o50.parquet", TextEncoder.fileOf(set(0, 50, 50)));
        OffsetsReader racing = (s, o) -> {
            if (o.key().equals("errors/20250612_1122-p0o50.parquet")) {
                store.put("errors/20250612_11_12.parquet", TextEncoder.fileOf(set(0, 50, 50)));
                store.delete(o.key());
            }
            return TextEncoder.READER.read(s, o);
        };

        assertEquals(
                "0:50-50",
                new LakeProbe(store, codec, racing).durableDeadLetters(minute).encode());
    }

    @Test
    void refusesNonMinuteWindows() {
        LakeProbe probe = new LakeProbe(store, codec, TextEncoder.READER);
        assertThrows(IllegalArgumentException.class, () -> probe.durableRows(codec.parentOf(minute, Level.HOUR)));
    }

    @Test
    void findsEveryPartOfTheWeekDayAndHourButNotTheirExtraFilesOrOtherWindows() {
        store.put(
                "week/20250608_20250614-part-20250608T000000000Z-0123456789abcdef.parquet",
                TextEncoder.fileOf(set(4, 1, 1)));
        store.put(
                "week/20250608_20250614-part-20250612T112200000Z-fedcba9876543210.parquet",
                TextEncoder.fileOf(set(4, 2, 2)));
        store.put("week/20250608_20250614.parquet", TextEncoder.fileOf(set(4, 3, 3)));
        store.put("day/20250612-part-20250612T000000000Z-0123456789abcdef.parquet", TextEncoder.fileOf(set(3, 0, 0)));
        store.put("day/20250612-p9o9.parquet", TextEncoder.fileOf(set(9, 9, 9)));
        store.put("day/20250613-part-20250613T000000000Z-0123456789abcdef.parquet", TextEncoder.fileOf(set(8, 0, 0)));

        OffsetSet durable = new LakeProbe(store, codec, TextEncoder.READER).durableRows(minute);

        assertEquals("3:0-0;4:1-3", durable.encode());
    }

    @Test
    void aPartReplacedByANewPartWhileReadIsFoundInTheNewOne() {
        String old = "week/20250608_20250614-part-20250612T000000000Z-0123456789abcdef.parquet";
        store.put(old, TextEncoder.fileOf(set(4, 0, 9)));
        // a fold publishes a new part holding the old one's rows and more, then deletes the old one, right after
        // the probe listed the week
        OffsetsReader racing = (s, o) -> {
            if (o.key().equals(old)) {
                store.put(
                        "week/20250608_20250614-part-20250612T000000000Z-fedcba9876543210.parquet",
                        TextEncoder.fileOf(set(4, 0, 19)));
                store.delete(old);
            }
            return TextEncoder.READER.read(s, o);
        };

        OffsetSet durable = new LakeProbe(store, codec, racing).durableRows(minute);

        assertEquals("4:0-19", durable.encode());
    }

    /** Counts footer reads (one store request each in production). */
    private static final class CountingReader implements OffsetsReader {
        private final List<String> keys = new CopyOnWriteArrayList<>();

        @Override
        public OffsetSet read(ObjectStore s, StoredObject o) {
            keys.add(o.key());
            return TextEncoder.READER.read(s, o);
        }
    }

    private void writeOwn(LakeProbe probe, String key, OffsetSet offsets) {
        String etag = store.tryCreate(key, TextEncoder.fileOf(offsets)).orElseThrow();
        probe.written(key, etag, TextEncoder.fileOf(offsets).length, offsets);
    }

    @Test
    void ownFilesAreNeverReadAndAFileWrittenByAnotherReplicaIsReadOnceAndSeen() {
        CountingReader reads = new CountingReader();
        LakeProbe probe = new LakeProbe(store, codec, reads, new KnownFooters(1 << 20));
        writeOwn(probe, "minute/20250612_1122.parquet", set(0, 0, 9));
        store.put("minute/20250612_1122-p1o0.parquet", TextEncoder.fileOf(set(1, 0, 4))); // another replica

        assertEquals("0:0-9;1:0-4", probe.durableRows(minute).encode());
        writeOwn(probe, "minute/20250612_1122-p0o10.parquet", set(0, 10, 19));
        LakeProbe.Found again = probe.rows(minute);

        assertEquals("0:0-19;1:0-4", again.durable().encode());
        assertTrue(again.baseListed());
        assertEquals(List.of("minute/20250612_1122-p1o0.parquet"), reads.keys);
    }

    @Test
    void aKnownFileThatVanishedNoLongerCountsAndIsForgotten() {
        CountingReader reads = new CountingReader();
        KnownFooters known = new KnownFooters(1 << 20);
        LakeProbe probe = new LakeProbe(store, codec, reads, known);
        writeOwn(probe, "minute/20250612_1122.parquet", set(0, 0, 9));
        writeOwn(probe, "minute/20250612_1122-p0o10.parquet", set(0, 10, 19));
        // the merger folds the base file into the hour and deletes it; the other file is deleted by hand
        store.put("hour/20250612_11_12.parquet", TextEncoder.fileOf(set(0, 0, 9)));
        store.delete("minute/20250612_1122.parquet");
        store.delete("minute/20250612_1122-p0o10.parquet");

        LakeProbe.Found found = probe.rows(minute);

        assertEquals("0:0-9", found.durable().encode(), "only what the lake holds now");
        assertFalse(found.baseListed(), "the base name is free again");
        assertEquals(List.of("hour/20250612_11_12.parquet"), reads.keys);
        assertEquals(1, known.files(), "only the hour is known now");
    }

    @Test
    void aMergeTargetReplacedUnderItsKeyIsReadAgain() {
        CountingReader reads = new CountingReader();
        LakeProbe probe = new LakeProbe(store, codec, reads, new KnownFooters(1 << 20));
        store.put("hour/20250612_11_12.parquet", TextEncoder.fileOf(set(0, 0, 9)));
        assertEquals("0:0-9", probe.durableRows(minute).encode());
        assertEquals("0:0-9", probe.durableRows(minute).encode());
        assertEquals(1, reads.keys.size(), "known after the first read");

        store.put("hour/20250612_11_12.parquet", TextEncoder.fileOf(set(0, 0, 29))); // a merge of late data

        assertEquals("0:0-29", probe.durableRows(minute).encode());
        assertEquals(2, reads.keys.size());
    }

    @Test
    void aPartReplacedByANewPartIsReadAndTheOldOneForgotten() {
        CountingReader reads = new CountingReader();
        KnownFooters known = new KnownFooters(1 << 20);
        LakeProbe probe = new LakeProbe(store, codec, reads, known);
        String old = "week/20250608_20250614-part-20250612T000000000Z-0123456789abcdef.parquet";
        String other = "week/20250608_20250614-part-20250608T000000000Z-0123456789abcdef.parquet";
        store.put(old, TextEncoder.fileOf(set(4, 0, 9)));
        store.put(other, TextEncoder.fileOf(set(5, 0, 9)));
        assertEquals("4:0-9;5:0-9", probe.durableRows(minute).encode());

        store.put(
                "week/20250608_20250614-part-20250612T000000000Z-fedcba9876543210.parquet",
                TextEncoder.fileOf(set(4, 0, 19)));
        store.delete(old);

        assertEquals("4:0-19;5:0-9", probe.durableRows(minute).encode());
        assertEquals(3, reads.keys.size(), "the untouched part is not read again");
        assertEquals(2, known.files());
    }

    @Test
    void minutesForgottenPastTheBoundAreReadAgainAndStillCorrect() {
        CountingReader reads = new CountingReader();
        LakeProbe probe = new LakeProbe(store, codec, reads, new KnownFooters(KnownFooters.weight(set(0, 0, 0))));
        Window next = codec.windowOf(Level.MINUTE, LocalDateTime.parse("2025-06-12T11:23:30"));
        store.put("minute/20250612_1122.parquet", TextEncoder.fileOf(set(0, 0, 9)));
        store.put("minute/20250612_1123.parquet", TextEncoder.fileOf(set(0, 10, 19)));

        for (int i = 0; i < 3; i++) {
            assertEquals("0:0-9", probe.durableRows(minute).encode());
            assertEquals("0:10-19", probe.durableRows(next).encode());
        }

        assertEquals(6, reads.keys.size(), "room for one minute only: each probe reads its minute again");
    }

    @Test
    void deadLetterFilesAreKnownApartFromRowFilesOfTheSameMinute() {
        CountingReader reads = new CountingReader();
        LakeProbe probe = new LakeProbe(store, codec, reads, new KnownFooters(1 << 20));
        writeOwn(probe, "errors/20250612_1122-p0o50.parquet", set(0, 50, 50));
        store.put("minute/20250612_1122.parquet", TextEncoder.fileOf(set(0, 0, 9)));

        assertEquals("0:50-50", probe.durableDeadLetters(minute).encode());
        assertEquals("0:0-9", probe.durableRows(minute).encode());
        assertEquals(List.of("minute/20250612_1122.parquet"), reads.keys);
    }
}

package io.fmslake.commit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.row.OffsetSet;
import io.fmslake.store.StoreException;
import io.fmslake.testkit.MemoryObjectStore;
import io.fmslake.window.Level;
import io.fmslake.window.Window;
import io.fmslake.window.WindowCodec;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
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
        assertEquals(List.of("list minute/20250612_1122", "stat hour/20250612_11_12.parquet",
                "stat day/20250612.parquet", "stat week/20250608_20250614.parquet"), calls);
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
        assertTrue(new LakeProbe(store, codec, TextEncoder.READER).durableRows(minute).contains(0, 9));
    }

    @Test
    void refusesNonMinuteWindows() {
        LakeProbe probe = new LakeProbe(store, codec, TextEncoder.READER);
        assertThrows(IllegalArgumentException.class, () -> probe.durableRows(codec.parentOf(minute, Level.HOUR)));
    }
}

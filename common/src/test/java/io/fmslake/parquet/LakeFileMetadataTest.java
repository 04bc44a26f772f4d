package io.fmslake.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.row.OffsetSet;
import io.fmslake.store.UserMetadata;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class LakeFileMetadataTest {

    @Test
    void theSummaryBecomesRowsEventTimesOffsetsAndTopic() {
        Instant min = Instant.parse("2025-06-12T11:22:00.123Z");
        FileSummary s = new FileSummary(
                15,
                OffsetSet.decode("0:0-9;1:3-4,7-9"),
                min.toEpochMilli(),
                min.plusSeconds(59).toEpochMilli(),
                "fms.events");

        UserMetadata m = LakeFileMetadata.of(s);

        assertEquals("15", m.get(LakeFileMetadata.ROWS));
        assertEquals("2025-06-12T11:22:00.123Z", m.get(LakeFileMetadata.EVENT_TIME_MIN));
        assertEquals("2025-06-12T11:22:59.123Z", m.get(LakeFileMetadata.EVENT_TIME_MAX));
        assertEquals("p0=0-9,p1=3-4 7-9", m.get(LakeFileMetadata.OFFSETS));
        assertEquals("fms.events", m.get(LakeFileMetadata.TOPIC));
    }

    @Test
    void aFileWithoutRowsHasNoEventTimes() {
        UserMetadata m = LakeFileMetadata.of(new FileSummary(0, new OffsetSet(), Long.MAX_VALUE, Long.MIN_VALUE, "t"));
        assertEquals("0", m.get(LakeFileMetadata.ROWS));
        assertEquals("", m.get(LakeFileMetadata.OFFSETS));
        assertNull(m.get(LakeFileMetadata.EVENT_TIME_MIN));
    }

    @Test
    void manyPartitionsAreCutWholeWithinTheBudgetAndSaySoAtTheEnd() {
        OffsetSet o = new OffsetSet();
        for (int p = 0; p < 200; p++) {
            o.addRange(p, 1_000_000L * p, 1_000_000L * p + 999_999);
        }

        String text = LakeFileMetadata.offsets(o, LakeFileMetadata.OFFSETS_BUDGET);

        assertTrue(text.length() <= LakeFileMetadata.OFFSETS_BUDGET, text.length() + " characters");
        String[] shown = text.substring(0, text.indexOf(",...")).split(",");
        assertEquals(
                "p" + (shown.length - 1) + "=" + 1_000_000L * (shown.length - 1) + "-"
                        + (1_000_000L * (shown.length - 1) + 999_999),
                shown[shown.length - 1],
                "whole partitions only");
        assertTrue(text.endsWith(",...(+" + (200 - shown.length) + " partitions)"), text);
        assertEquals(text, LakeFileMetadata.offsets(o, text.length()), "it fits exactly");
    }

    @Test
    void aPartitionWithManyGapsShowsItsFirstRanges() {
        OffsetSet o = new OffsetSet();
        for (int i = 0; i < 20; i++) {
            o.addRange(3, i * 10L, i * 10L + 4);
        }
        assertEquals(
                "p3=0-4 10-14 20-24 30-34 40-44 50-54 60-64 70-74 ...(+12 ranges)", LakeFileMetadata.offsets(o, 1024));
    }

    @Test
    void deadLettersCountTheirReasonsMostFrequentFirst() {
        FileSummary s = new FileSummary(6, OffsetSet.decode("0:0-5"), 0, 5, "t");
        UserMetadata m = LakeFileMetadata.ofDeadLetters(
                s, List.of("not_json", "empty", "tombstone", "not_json", "empty", "not_json"));
        assertEquals("not_json=3,empty=2,tombstone=1", m.get(LakeFileMetadata.REASONS));

        String many = LakeFileMetadata.ofDeadLetters(s, Collections.nCopies(1, "x".repeat(400)))
                .get(LakeFileMetadata.REASONS);
        assertEquals(LakeFileMetadata.REASONS_BUDGET, many.length());
        assertTrue(many.endsWith("..."));
    }
}

package io.fmslake.merger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.publish.RetentionGap;
import io.fmslake.row.OffsetSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReconciliationTest {
    @Test
    void aCompleteLakeIsClean() {
        Reconciliation.Report r = Reconciliation.reconcile(
                Map.of(0, new long[] {0, 100}, 1, new long[] {5, 10}),
                List.of(OffsetSet.decode("0:0-49"), OffsetSet.decode("0:50-99;1:5-9"), OffsetSet.decode("0:100-120")));
        assertTrue(r.clean());
        assertEquals(105, r.expected());
        assertEquals(126, r.lakeCoordinates());
    }

    @Test
    void missingAndDuplicatedCoordinatesAreCounted() {
        Reconciliation.Report r = Reconciliation.reconcile(
                Map.of(0, new long[] {10, 20}, 2, new long[] {0, 3}),
                List.of(OffsetSet.decode("0:10-14"), OffsetSet.decode("0:12-15"), OffsetSet.decode("0:12-12")));
        assertFalse(r.clean());
        assertEquals(4 + 3, r.missing(), "0:16-19 and all of partition 2");
        assertEquals(3 + 1, r.duplicates(), "12-14 twice in the first two files, 12 once more in the third");
        assertEquals(6, r.partitions().get(0).present());
    }

    @Test
    void recordsBeforeTheEarliestOffsetAreNotExpected() {
        Reconciliation.Report r =
                Reconciliation.reconcile(Map.of(0, new long[] {50, 50}), List.of(OffsetSet.decode("0:0-49")));
        assertTrue(r.clean());
        assertEquals(0, r.expected());
    }

    @Test
    void recordedRetentionGapsAreReportedWithWhatTheLakeHoldsOfThemAndDoNotFailTheCheck() {
        Instant when = Instant.parse("2025-06-12T10:00:00Z");
        Reconciliation.Report r = Reconciliation.reconcile(
                Map.of(0, new long[] {150, 200}),
                List.of(OffsetSet.decode("0:0-99"), OffsetSet.decode("0:120-124,150-199")),
                List.of(new RetentionGap(0, 100, 150, when, "test")));
        assertTrue(r.clean());
        assertEquals(1, r.gaps().size());
        assertEquals(5, r.gaps().get(0).present(), "120-124 were durable before Kafka deleted them");
        assertEquals(45, r.lostToRetention());
    }

    @Test
    void expiredDeadLettersAreNotMissingButWhatTheLakeStillHoldsCountsAsPresent() {
        Reconciliation.Report r = Reconciliation.reconcile(
                Map.of(0, new long[] {0, 100}, 1, new long[] {0, 10}),
                List.of(OffsetSet.decode("0:0-39,60-99"), OffsetSet.decode("1:0-9")),
                List.of(),
                OffsetSet.decode("0:35-59,200-210;1:5-6;2:0-3"));
        assertTrue(r.clean(), "40-59 expired, 35-39 expired but still present");
        assertEquals(20, r.expired());
        assertEquals(20, r.partitions().get(0).expired());
        assertEquals(80, r.partitions().get(0).present());
        assertEquals(0, r.partitions().get(1).expired());

        Reconciliation.Report partly = Reconciliation.reconcile(
                Map.of(0, new long[] {0, 100}),
                List.of(OffsetSet.decode("0:0-39,60-99")),
                List.of(),
                OffsetSet.decode("0:40-49"));
        assertFalse(partly.clean());
        assertEquals(10, partly.missing(), "50-59 neither present nor expired");
    }
}

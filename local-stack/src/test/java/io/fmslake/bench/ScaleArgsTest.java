package io.fmslake.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The scale benchmark's arguments, derived limits and output parsing (the benchmark itself is not a test). */
class ScaleArgsTest {
    @Test
    void defaultsAreTheIssuesFlowWithLimitsThatEngageTheMechanisms() {
        ScaleArgs a = ScaleArgs.parse();
        assertEquals(20_000_000, a.records());
        assertEquals(64, a.partitions());
        assertEquals(4, a.pods());
        assertEquals(3, a.replicas());
        // a day of history is ~2.2 M records: a few bytes per record of a day makes several parts per day
        assertEquals(20_000_000 / 9 * 3, a.targetBytes());
        assertEquals(2 * a.targetBytes(), a.scratchBytes());
        assertEquals(a.targetBytes() / 4, a.rowGroupBytes());
        assertEquals(2_500_000, a.chunkRecords());
        assertTrue(a.bufferBytes() * 4 <= (long) a.collectorHeap() << 20);
    }

    @Test
    void aSmallRunKeepsATargetOfFourRowGroupsOfTheSmallestSize() {
        ScaleArgs a = ScaleArgs.parse("records=20000", "partitions=8");
        assertEquals(4L << 20, a.targetBytes());
        assertEquals(1L << 20, a.rowGroupBytes());
        assertEquals(8, a.partitions());
        assertEquals(2500, a.chunkRecords());
    }

    @Test
    void sizesTakeBinarySuffixes() {
        ScaleArgs a = ScaleArgs.parse("target=4MiB", "scratch=5MiB", "buffer=8MiB");
        assertEquals(4L << 20, a.targetBytes());
        assertEquals(5L << 20, a.scratchBytes());
        assertEquals(8L << 20, a.bufferBytes());
        assertEquals(1L << 20, a.rowGroupBytes());
    }

    @Test
    void theBackfillDiskBudgetIsTheIndexedJobsEmptyDirScaledToTheChunk() {
        ScaleArgs a = ScaleArgs.parse("records=80000000", "pods=4", "chunks=1");
        assertEquals(20_000_000, a.chunkRecords());
        assertEquals(16L << 30, a.backfillDiskBudget());
    }

    @Test
    void everyBadArgumentIsReportedAtOnce() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> ScaleArgs.parse(
                        "records=abc",
                        "colour=blue",
                        "target=1MiB",
                        "scratch=1MiB",
                        "replicas=9",
                        "partitions=8",
                        "buffer=128MiB"));
        String m = e.getMessage();
        assertTrue(m.contains("records=abc: not a number"), m);
        assertTrue(m.contains("unknown argument 'colour=blue'"), m);
        assertTrue(m.contains("scratch=1048576: must be at least five quarters of target"), m);
        assertTrue(m.contains("replicas=9: more than partitions=8"), m);
        assertTrue(m.contains("buffer=134217728: more than a quarter of collectorHeap=256 MiB"), m);
    }

    @Test
    void verifysCountsAreReadFromItsLastSummaryLine() {
        String out = "partition 0: offsets [0, 10) of group g: expected 10, present 10, missing 0\n"
                + "expected 230200, missing 0, duplicated 2, lake coordinates 230202: MISMATCH\n";
        assertArrayEquals(new long[] {230200, 0, 2}, ScaleBench.verifyCounts(out));
        assertThrows(IllegalStateException.class, () -> ScaleBench.verifyCounts("verify failed to start"));
    }

    @Test
    void requestLinesAreCountedByMethodAndBodyChunksAreNot() {
        assertEquals(S3Requests.Method.PUT, S3Requests.method("PUT /fms-scale/week/x.parquet HTTP/1.1\r\nHost: h"));
        assertEquals(S3Requests.Method.GET, S3Requests.method("GET /fms-scale?list-type=2 HTTP/1.1"));
        assertEquals(S3Requests.Method.DELETE, S3Requests.method("DELETE /fms-scale/minute/a.parquet HTTP/1.1"));
        assertNull(S3Requests.method("PAR1\u0015\u0000GET /x"));
        assertNull(S3Requests.method("2000;chunk-signature=abc"));
    }

    @Test
    void aStepsRequestsAreTheDifferenceOfTwoSnapshots() {
        long[] before = {1, 0, 2, 0, 0};
        long[] after = {5, 1, 2, 3, 0};
        assertEquals(8, S3Requests.total(before, after));
        assertEquals("8 (GET 4, HEAD 1, POST 3)", S3Requests.describe(before, after));
    }
}

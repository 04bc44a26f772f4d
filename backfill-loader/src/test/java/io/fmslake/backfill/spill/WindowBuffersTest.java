package io.fmslake.backfill.spill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.parquet.FileSummary;
import io.fmslake.row.JsonObject;
import io.fmslake.row.OffsetSet;
import io.fmslake.row.PackedJson;
import io.fmslake.row.Row;
import io.fmslake.schema.LakeSchema;
import io.fmslake.window.Level;
import io.fmslake.window.Window;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WindowBuffersTest {
    /** A packed payload like those of {@link #row} (every one of them takes the same heap, alignment included). */
    private static final byte[] VALUE = PackedJson.standard().pack(payload(0));

    private static final long ROW_BYTES = raw(0, 0, 0).heapBytes();
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    static Row row(int partition, long offset, long eventTime) {
        return Row.ofPacked(
                PackedJson.standard().pack(payload(offset)), partition, offset, eventTime, eventTime, null, 0);
    }

    private static JsonObject payload(long offset) {
        return new JsonObject(new String[] {"v"}, new Object[] {offset});
    }

    static RawRecord raw(int partition, long offset, long eventTime) {
        return new RawRecord(partition, offset, eventTime, eventTime, null, VALUE);
    }

    static Window day(int d) {
        return new Window(Level.DAY, LocalDateTime.of(2025, 6, d, 0, 0));
    }

    /** Records what it was asked to spill; optionally slow, to exercise back-pressure. */
    static final class FakeSpiller implements Spiller {
        final List<Window> order = Collections.synchronizedList(new ArrayList<>());
        final List<RawRecord> spilled = Collections.synchronizedList(new ArrayList<>());
        final long sleepMillis;

        FakeSpiller(long sleepMillis) {
            this.sleepMillis = sleepMillis;
        }

        @Override
        public SpillRun write(Window window, List<RawRecord> rows, LakeSchema schema) {
            try {
                Thread.sleep(sleepMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            order.add(window);
            spilled.addAll(rows);
            OffsetSet offsets = new OffsetSet();
            rows.forEach(r -> offsets.add(r.partition(), r.offset()));
            return new SpillRun(window, Path.of("run"), new FileSummary(rows.size(), offsets, 0, 0, "t"), 0, schema);
        }
    }

    private static Map<Window, RoutedRows> chunk(Window w, int partition, long firstOffset, int n) {
        RoutedRows rows = new RoutedRows();
        for (int i = 0; i < n; i++) {
            rows.add(row(partition, firstOffset + i, firstOffset + i), null);
        }
        return Map.of(w, rows);
    }

    @Test
    void spillsTheLargestWindowFirstWhenTheBudgetIsReached() throws InterruptedException {
        FakeSpiller spiller = new FakeSpiller(0);
        WindowBuffers buffers = new WindowBuffers(100 * ROW_BYTES, spiller, pool);
        buffers.add(chunk(day(1), 0, 0, 20));
        buffers.add(chunk(day(2), 0, 100, 50));
        buffers.add(chunk(day(3), 0, 200, 29));
        assertEquals(0, buffers.runsWritten(), "below the budget nothing is spilled");
        buffers.add(chunk(day(3), 0, 300, 1));
        List<SpillRun> runs = buffers.finish();
        assertEquals(day(2), spiller.order.get(0), "the largest buffer goes first");
        assertEquals(100, runs.stream().mapToLong(r -> r.summary().rows()).sum());
        assertEquals(
                List.of(day(1), day(2), day(3)),
                runs.stream().map(SpillRun::window).toList());
    }

    @Test
    void keepsMemoryNearTheBudgetAndLosesNoRowWhateverTheOrder() throws InterruptedException {
        FakeSpiller spiller = new FakeSpiller(2);
        long budget = 500 * ROW_BYTES;
        WindowBuffers buffers = new WindowBuffers(budget, spiller, pool);
        Random random = new Random(42);
        Map<Integer, Long> next = new HashMap<>();
        long added = 0;
        long peak = 0;
        for (int i = 0; i < 400; i++) {
            int partition = random.nextInt(3);
            int n = 1 + random.nextInt(40);
            long first = next.merge(partition, (long) n, Long::sum) - n;
            buffers.add(chunk(day(1 + random.nextInt(9)), partition, first, n));
            added += n;
            peak = Math.max(peak, buffers.bufferedBytes());
            assertTrue(buffers.bufferedBytes() <= budget, "buffered " + buffers.bufferedBytes());
        }
        List<SpillRun> runs = buffers.finish();
        assertTrue(runs.size() > 9, "several runs per window: " + runs.size());
        assertTrue(peak >= budget / 2, "the budget was used: " + peak);
        Set<Long> seen = new HashSet<>();
        for (RawRecord r : spiller.spilled) {
            assertTrue(seen.add(r.partition() * 1_000_000L + r.offset()), "spilled twice: " + r);
        }
        assertEquals(added, seen.size());
        assertEquals(added, runs.stream().mapToLong(r -> r.summary().rows()).sum());
        assertEquals(0, buffers.bufferedBytes());
    }

    @Test
    void aFailedSpillStopsTheLoad() throws InterruptedException {
        AtomicLong calls = new AtomicLong();
        WindowBuffers buffers = new WindowBuffers(
                10 * ROW_BYTES,
                (w, rows, schema) -> {
                    calls.incrementAndGet();
                    throw new IllegalStateException("disk full");
                },
                pool);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
            buffers.add(chunk(day(1), 0, 0, 10)); // reaches the budget: spills, waits, fails
            buffers.finish();
        });
        assertTrue(e.getMessage().contains("disk full"), e.getMessage());
        assertEquals(1, calls.get());
    }

    @Test
    void sortsInLakeOrderAndKeepsARepeatedCoordinateOnce() {
        List<RawRecord> rows = List.of(raw(1, 5, 300), raw(0, 9, 100), raw(2, 1, 100), raw(0, 9, 100), raw(0, 3, 200));
        RawRecord[] sorted = RunWriter.sortedUnique(rows);
        assertEquals(4, sorted.length);
        assertEquals(
                List.of("0@9", "2@1", "0@3", "1@5"),
                java.util.Arrays.stream(sorted)
                        .map(r -> r.partition() + "@" + r.offset())
                        .toList());
    }
}

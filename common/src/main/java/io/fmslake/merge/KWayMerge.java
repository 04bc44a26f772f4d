package io.fmslake.merge;

import io.fmslake.row.OffsetSet;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Streams sorted inputs into sorted parts, dropping repeated (partition, offset) coordinates and those of an
 * excluded set (the window's kept parts). Inputs are opened lazily in order of their first event time, only when one
 * may hold the next row, so inputs with disjoint time ranges are concatenated with one or two readers open. A part is
 * cut once its size reaches the target, where the event time changes (so parts cover disjoint time ranges), or,
 * should one millisecond hold more than an eighth of the target, regardless. Memory: one open reader per
 * overlapping input plus the writer's row group; never the window. Works on rows and on dead letters alike
 * ({@link Records}).
 */
final class KWayMerge {
    /** Rows between two looks at the writer's size. */
    private static final int SIZE_CHECK_ROWS = 128;

    private KWayMerge() {}

    record Outcome(long rows, long duplicates) {}

    /** @param sources ordered by first event time */
    static <T> Outcome run(List<Source> sources, Records<T> records, PartSink parts, OffsetSet excluded) {
        PriorityQueue<Cursor<T>> heap = new PriorityQueue<>();
        List<Cursor<T>> open =
                new ArrayList<>(); // every cursor ever opened, closed in the end (closing twice is a no-op)
        long duplicates = 0;
        long rows = 0;
        int next = 0;
        Output<T> out = new Output<>(parts, records);
        boolean excluding = !excluded.isEmpty();
        try {
            T last = null;
            while (true) {
                while (next < sources.size()
                        && (heap.isEmpty() || sources.get(next).minEventTime() <= records.time(heap.peek().row))) {
                    Cursor<T> c =
                            new Cursor<>(records, records.open(sources.get(next).file()), next++);
                    open.add(c);
                    if (c.advance()) {
                        heap.add(c);
                    } else {
                        c.close();
                    }
                }
                Cursor<T> c = heap.poll();
                if (c == null) {
                    break;
                }
                T row = c.row;
                int p = records.partition(row);
                long o = records.offset(row);
                if ((last != null && p == records.partition(last) && o == records.offset(last))
                        || (excluding && excluded.contains(p, o))) {
                    duplicates++;
                } else {
                    out.write(row);
                    rows++;
                }
                last = row;
                if (c.advance()) {
                    heap.add(c);
                } else {
                    c.close();
                }
            }
            out.finish();
            return new Outcome(rows, duplicates);
        } finally {
            out.abandon();
            for (Cursor<T> c : open) {
                c.close();
            }
        }
    }

    /** The part being written; cuts it at the target size where the event time changes. */
    private static final class Output<T> {
        private final PartSink parts;
        private final Records<T> records;
        private Records.Out<T> writer;
        private T lastWritten;
        private long rowsInPart;
        private boolean full;

        Output(PartSink parts, Records<T> records) {
            this.parts = parts;
            this.records = records;
        }

        void write(T row) {
            if (writer != null && full && (records.time(row) != records.time(lastWritten) || oversized())) {
                writer.finish();
                writer = null;
                parts.close(true);
            }
            if (writer == null) {
                writer = records.create(parts.open());
                rowsInPart = 0;
                full = false;
            }
            writer.write(row);
            lastWritten = row;
            if (++rowsInPart % SIZE_CHECK_ROWS == 0 && !full) {
                full = writer.estimatedBytes() >= parts.targetBytes();
            }
        }

        private boolean oversized() {
            return rowsInPart % SIZE_CHECK_ROWS == 0
                    && writer.estimatedBytes() >= parts.targetBytes() + parts.targetBytes() / 8;
        }

        void finish() {
            if (writer != null) {
                writer.finish();
                writer = null;
                parts.close(false);
            }
        }

        /** Closes an unfinished part after a failure (it is never published). */
        void abandon() {
            if (writer != null) {
                Records.Out<T> w = writer;
                writer = null;
                try {
                    w.finish();
                } catch (RuntimeException e) {
                    // already failing; the scratch directory is removed by the engine
                }
            }
        }
    }

    /** The current row of one open input. Ties order by input index so the merge is deterministic. */
    private static final class Cursor<T> implements Comparable<Cursor<T>> {
        private final Records<T> records;
        private final int index;
        private Records.In<T> reader;
        private T row;

        Cursor(Records<T> records, Records.In<T> reader, int index) {
            this.records = records;
            this.reader = reader;
            this.index = index;
        }

        boolean advance() {
            row = reader.next();
            return row != null;
        }

        /** Closes the reader and drops it, so that a finished input holds no memory while the merge goes on. */
        void close() {
            if (reader != null) {
                Records.In<T> r = reader;
                reader = null;
                row = null;
                r.close();
            }
        }

        @Override
        public int compareTo(Cursor<T> o) {
            int c = records.compare(row, o.row);
            return c != 0 ? c : Integer.compare(index, o.index);
        }
    }
}

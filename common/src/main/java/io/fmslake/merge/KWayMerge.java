package io.fmslake.merge;

import io.fmslake.parquet.ParquetOptions;
import io.fmslake.parquet.RowFileReader;
import io.fmslake.parquet.RowFileWriter;
import io.fmslake.row.OffsetSet;
import io.fmslake.row.Row;
import io.fmslake.schema.LakeSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Streams sorted inputs into sorted parts, dropping repeated (partition, offset) coordinates and those of an
 * excluded set (the window's kept parts). Inputs are opened lazily in order of their first event time, only when one
 * may hold the next row, so inputs with disjoint time ranges are concatenated with one or two readers open. A part is
 * cut once its size reaches the target, where the event time changes (so parts cover disjoint time ranges), or,
 * should one millisecond hold more than an eighth of the target, regardless. Memory: one open reader per
 * overlapping input plus the writer's row group; never the window.
 */
final class KWayMerge {
    /** Rows between two looks at the writer's size. */
    private static final int SIZE_CHECK_ROWS = 128;

    private KWayMerge() {
    }

    record Outcome(long rows, long duplicates) {
    }

    /** @param sources ordered by first event time */
    static Outcome run(List<Source> sources, LakeSchema schema, PartSink parts, OffsetSet excluded,
                       ParquetOptions options, String topic) {
        PriorityQueue<Cursor> heap = new PriorityQueue<>();
        List<Cursor> open = new ArrayList<>();  // every cursor ever opened, closed in the end (closing twice is a no-op)
        long duplicates = 0;
        long rows = 0;
        int next = 0;
        Output out = new Output(parts, schema, options, topic);
        boolean excluding = !excluded.isEmpty();
        try {
            Row last = null;
            while (true) {
                while (next < sources.size()
                        && (heap.isEmpty() || sources.get(next).minEventTime() <= heap.peek().row.eventTime())) {
                    Cursor c = new Cursor(RowFileReader.open(sources.get(next).file()), next++);
                    open.add(c);
                    if (c.advance()) {
                        heap.add(c);
                    } else {
                        c.close();
                    }
                }
                Cursor c = heap.poll();
                if (c == null) {
                    break;
                }
                Row row = c.row;
                if ((last != null && row.sameRecord(last))
                        || (excluding && excluded.contains(row.partition(), row.offset()))) {
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
            for (Cursor c : open) {
                c.close();
            }
        }
    }

    /** The part being written; cuts it at the target size where the event time changes. */
    private static final class Output {
        private final PartSink parts;
        private final LakeSchema schema;
        private final ParquetOptions options;
        private final String topic;
        private RowFileWriter writer;
        private Row lastWritten;
        private long rowsInPart;
        private boolean full;

        Output(PartSink parts, LakeSchema schema, ParquetOptions options, String topic) {
            this.parts = parts;
            this.schema = schema;
            this.options = options;
            this.topic = topic;
        }

        void write(Row row) {
            if (writer != null && full && (row.eventTime() != lastWritten.eventTime() || oversized())) {
                writer.finish();
                writer = null;
                parts.close(true);
            }
            if (writer == null) {
                writer = RowFileWriter.open(parts.open(), schema, options, topic);
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
                RowFileWriter w = writer;
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
    private static final class Cursor implements Comparable<Cursor> {
        private final int index;
        private RowFileReader reader;
        private Row row;

        Cursor(RowFileReader reader, int index) {
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
                RowFileReader r = reader;
                reader = null;
                row = null;
                r.close();
            }
        }

        @Override
        public int compareTo(Cursor o) {
            int c = row.compareTo(o.row);
            return c != 0 ? c : Integer.compare(index, o.index);
        }
    }
}

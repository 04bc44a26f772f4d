package io.fmslake.merge;

import io.fmslake.parquet.FileSummary;
import io.fmslake.parquet.LocalFiles;
import io.fmslake.parquet.ParquetOptions;
import io.fmslake.parquet.RowFileReader;
import io.fmslake.parquet.RowFileWriter;
import io.fmslake.row.Row;
import io.fmslake.schema.LakeSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.parquet.io.OutputFile;

/**
 * Streams sorted inputs into one sorted output, dropping repeated (partition, offset) coordinates. Inputs are opened
 * lazily in order of their first event time, only when one may hold the next row, so inputs with disjoint time ranges
 * are concatenated with one or two readers open. Memory: one open reader per overlapping input plus the writer's row
 * group; never the window.
 */
final class KWayMerge {
    private KWayMerge() {
    }

    record Outcome(FileSummary summary, long duplicates) {
    }

    /** @param sources ordered by first event time */
    static Outcome run(List<Source> sources, LakeSchema schema, OutputFile out, ParquetOptions options, String topic) {
        PriorityQueue<Cursor> heap = new PriorityQueue<>();
        List<Cursor> open = new ArrayList<>();
        long duplicates = 0;
        int next = 0;
        try (RowFileWriter writer = RowFileWriter.open(out, schema, options, topic)) {
            Row last = null;
            while (true) {
                while (next < sources.size()
                        && (heap.isEmpty() || sources.get(next).minEventTime() <= heap.peek().row.eventTime())) {
                    Source s = sources.get(next);
                    Cursor c = new Cursor(RowFileReader.open(LocalFiles.input(s.path())), next++);
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
                if (last != null && row.sameRecord(last)) {
                    duplicates++;
                } else {
                    writer.write(row);
                    last = row;
                }
                if (c.advance()) {
                    heap.add(c);
                } else {
                    c.close();
                }
            }
            return new Outcome(writer.finish(), duplicates);
        } finally {
            for (Cursor c : open) {
                c.close();
            }
        }
    }

    /** The current row of one open input. Ties order by input index so the merge is deterministic. */
    private static final class Cursor implements Comparable<Cursor> {
        private final RowFileReader reader;
        private final int index;
        private Row row;
        private boolean closed;

        Cursor(RowFileReader reader, int index) {
            this.reader = reader;
            this.index = index;
        }

        boolean advance() {
            row = reader.next();
            return row != null;
        }

        void close() {
            if (!closed) {
                closed = true;
                reader.close();
            }
        }

        @Override
        public int compareTo(Cursor o) {
            int c = row.compareTo(o.row);
            return c != 0 ? c : Integer.compare(index, o.index);
        }
    }
}

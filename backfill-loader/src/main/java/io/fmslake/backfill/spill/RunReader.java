package io.fmslake.backfill.spill;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Reads sorted runs back in lake order: one run, or the k-way merge of several (one buffered record per run in
 * memory), a coordinate that appears in more than one run returned once.
 */
public final class RunReader implements Closeable {
    private final PriorityQueue<Cursor> heads = new PriorityQueue<>();
    private final List<Cursor> all = new ArrayList<>();
    private RawRecord last;

    private RunReader() {}

    public static RunReader open(List<SpillRun> runs) {
        RunReader reader = new RunReader();
        try {
            for (SpillRun run : runs) {
                Cursor c = new Cursor(
                        new DataInputStream(new BufferedInputStream(
                                new ZstdInputStream(Files.newInputStream(run.file())), 1 << 16)),
                        run);
                reader.all.add(c);
                if (c.advance()) {
                    reader.heads.add(c);
                }
            }
            return reader;
        } catch (IOException e) {
            reader.close();
            throw new UncheckedIOException("cannot read sorted runs", e);
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /** The next record in lake order, or null at the end. */
    public RawRecord next() {
        while (!heads.isEmpty()) {
            Cursor c = heads.poll();
            RawRecord r = c.head;
            try {
                if (c.advance()) {
                    heads.add(c);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the sorted run " + c.run.file(), e);
            }
            if (last == null || !last.sameRecord(r)) {
                last = r;
                return r;
            }
        }
        return null;
    }

    @Override
    public void close() {
        for (Cursor c : all) {
            try {
                c.in.close();
            } catch (IOException ignored) {
                // a local temporary file
            }
        }
    }

    private static final class Cursor implements Comparable<Cursor> {
        final DataInputStream in;
        final SpillRun run;
        RawRecord head;

        Cursor(DataInputStream in, SpillRun run) {
            this.in = in;
            this.run = run;
        }

        boolean advance() throws IOException {
            int partition = in.readInt();
            if (partition == RunWriter.END) {
                head = null;
                return false;
            }
            long offset = in.readLong();
            long kafkaTimestamp = in.readLong();
            long eventTime = in.readLong();
            byte[] key = bytes(in);
            byte[] payload = bytes(in);
            head = new RawRecord(partition, offset, kafkaTimestamp, eventTime, key, payload);
            return true;
        }

        private static byte[] bytes(DataInputStream in) throws IOException {
            int n = in.readInt();
            if (n < 0) {
                return null;
            }
            byte[] b = new byte[n];
            in.readFully(b);
            return b;
        }

        @Override
        public int compareTo(Cursor o) {
            return head.compareTo(o.head);
        }
    }
}

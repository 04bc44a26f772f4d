package io.fmslake.publish;

import io.fmslake.deadletter.DeadLetter;
import io.fmslake.parquet.FileSummary;
import io.fmslake.row.OffsetSet;
import io.fmslake.row.Row;
import io.fmslake.store.ObjectStore;
import io.fmslake.store.StoredObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the Parquet encoder in unit tests: a "file" is the text of its offset set, and {@link #READER}
 * reads it back, so the publisher and probe logic are tested without Parquet.
 */
public final class TextEncoder implements LakeFileEncoder {
    public static final OffsetsReader READER = (ObjectStore store, StoredObject o) ->
            OffsetSet.decode(new String(store.readRange(o.key(), 0, (int) o.size()), StandardCharsets.UTF_8));

    private final AtomicInteger calls = new AtomicInteger();
    private volatile FileSummary lastSummary;

    public int calls() {
        return calls.get();
    }

    /** The summary of the last file encoded. */
    public FileSummary lastSummary() {
        return lastSummary;
    }

    private EncodedFile encoded(OffsetSet set, FileSummary summary) {
        lastSummary = summary;
        return new EncodedFile(fileOf(set), summary);
    }

    public static byte[] fileOf(OffsetSet offsets) {
        return offsets.encode().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public EncodedFile encodeRows(List<Row> sortedRows, long ingestTime) {
        calls.incrementAndGet();
        OffsetSet set = new OffsetSet();
        for (int i = 0; i < sortedRows.size(); i++) {
            if (i > 0 && sortedRows.get(i - 1).compareTo(sortedRows.get(i)) >= 0) {
                throw new IllegalArgumentException("rows out of order at " + i);
            }
            set.add(sortedRows.get(i).partition(), sortedRows.get(i).offset());
        }
        return encoded(
                set,
                new FileSummary(
                        sortedRows.size(),
                        set,
                        sortedRows.get(0).eventTime(),
                        sortedRows.get(sortedRows.size() - 1).eventTime(),
                        "t"));
    }

    @Override
    public EncodedFile encodeDeadLetters(List<DeadLetter> sortedLetters) {
        calls.incrementAndGet();
        OffsetSet set = new OffsetSet();
        sortedLetters.forEach(d -> set.add(d.partition(), d.offset()));
        return encoded(set, new FileSummary(sortedLetters.size(), set, 0, 0, "t"));
    }
}

package io.fmslake.backfill.spill;

import io.fmslake.row.Row;
import java.util.ArrayList;
import java.util.List;

/** Rows routed to one window, with their estimated heap size. Not thread-safe: one per producer and window. */
public final class RoutedRows {
    final List<Row> rows = new ArrayList<>();
    long bytes;

    public void add(Row row, long estimatedBytes) {
        rows.add(row);
        bytes += estimatedBytes;
    }

    public int size() {
        return rows.size();
    }

    public long bytes() {
        return bytes;
    }
}

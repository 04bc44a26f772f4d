package io.fmslake.backfill.spill;

import io.fmslake.row.Row;
import io.fmslake.window.Window;
import java.util.List;

/** Writes one buffer of rows routed to a window as a sorted run. Implementations are thread-safe. */
@FunctionalInterface
public interface Spiller {
    SpillRun write(Window window, List<Row> rows);
}

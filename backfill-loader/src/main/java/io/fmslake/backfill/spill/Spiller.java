package io.fmslake.backfill.spill;

import io.fmslake.schema.LakeSchema;
import io.fmslake.window.Window;
import java.util.List;

/** Writes one buffer of records routed to a window as a sorted run. Implementations are thread-safe. */
@FunctionalInterface
public interface Spiller {
    /** @param schema the schema the records' rows need (the union of what their payloads hold) */
    SpillRun write(Window window, List<RawRecord> records, LakeSchema schema);
}

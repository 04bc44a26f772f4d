package io.fmslake.backfill.spill;

import io.fmslake.parquet.FileSummary;
import io.fmslake.schema.LakeSchema;
import io.fmslake.window.Window;
import java.nio.file.Path;

/**
 * One sorted run on the local disk: records of one routed window, sorted by (event time, partition, offset), as
 * Kafka delivered them (see {@link RunWriter} for the format).
 *
 * @param window  the window the records were routed to
 * @param file    the local file
 * @param summary what the run holds (rows, coordinates, event-time range)
 * @param bytes   the file's size
 * @param schema  the schema of the run's rows (inferred from their payloads)
 */
public record SpillRun(Window window, Path file, FileSummary summary, long bytes, LakeSchema schema) {}

package io.fmslake.backfill.publish;

import io.fmslake.backfill.spill.RawRecord;
import io.fmslake.backfill.spill.RunReader;
import io.fmslake.backfill.spill.SpillRun;
import io.fmslake.merge.MergeInput;
import io.fmslake.parquet.FileSummary;
import io.fmslake.parquet.LocalFiles;
import io.fmslake.parquet.ParquetOptions;
import io.fmslake.parquet.RowFileWriter;
import io.fmslake.row.Row;
import io.fmslake.schema.LakeSchema;
import io.fmslake.window.Window;
import io.fmslake.window.WindowCodec;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns the sorted runs of one target into rows: streamed in lake order (a k-way merge of the runs, each
 * coordinate once; for a file, read on a thread of its own while this one encodes the packed payloads straight into
 * the column writers), into either one lake Parquet file (the collector's row writer, the strict schema or the union
 * of the runs' inferred schemas, stamped with one ingest time), which the merge engine then publishes unchanged or
 * folds with what the lake holds, or a list (minute windows, at most a minute of rows). Thread-safe.
 */
public final class Combiner {
    private final Optional<LakeSchema> strictSchema;
    private final ParquetOptions parquet;
    private final String topic;
    private final Path dir;
    private final WindowCodec codec;
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();

    public Combiner(
            Optional<LakeSchema> strictSchema,
            ParquetOptions parquet,
            String topic,
            Path dir,
            WindowCodec codec,
            Clock clock) {
        this.strictSchema = strictSchema;
        this.parquet = parquet;
        this.topic = topic;
        this.dir = dir;
        this.codec = codec;
        this.clock = clock;
    }

    /** Writes every row of the runs, in lake order, into one local lake file; the caller deletes it. */
    public MergeInput.LocalFile toFile(Window target, List<SpillRun> runs) {
        LakeSchema schema = strictSchema.orElseGet(() -> {
            LakeSchema union = LakeSchema.empty();
            for (SpillRun r : runs) {
                union = union.union(r.schema());
            }
            return union;
        });
        Path file = dir.resolve(codec.format(target).replace('/', '-').replace(".parquet", "") + "-"
                + sequence.incrementAndGet() + ".parquet");
        long ingestTime = clock.millis();
        try (DecodingReader rows = new DecodingReader(runs, RawRecord::toRow, "backfill-decode-" + file.getFileName());
                RowFileWriter writer = RowFileWriter.open(LocalFiles.output(file), schema, parquet, topic)) {
            writer.stampingIngestTime(ingestTime);
            for (Row row = rows.next(); row != null; row = rows.next()) {
                writer.write(row);
            }
            FileSummary summary = writer.finish();
            return new MergeInput.LocalFile(file, summary);
        }
    }

    /** Every row of the runs, in lake order (for minute windows: small). */
    public List<Row> toRows(List<SpillRun> runs) {
        List<Row> rows = new ArrayList<>();
        try (RunReader reader = RunReader.open(runs)) {
            for (RawRecord r = reader.next(); r != null; r = reader.next()) {
                rows.add(r.toRow());
            }
        }
        return rows;
    }
}

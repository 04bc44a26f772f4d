package io.fmslake.backfill;

import io.fmslake.backfill.publish.Combiner;
import io.fmslake.backfill.publish.DeadLetterSink;
import io.fmslake.backfill.publish.TierPublisher;
import io.fmslake.backfill.spill.RunWriter;
import io.fmslake.backfill.tier.TierRouter;
import io.fmslake.config.LakeSettings;
import io.fmslake.merge.CrashPoint;
import io.fmslake.merge.MergeEngine;
import io.fmslake.merge.MergeOptions;
import io.fmslake.merge.MergePlanner;
import io.fmslake.merge.Tiering;
import io.fmslake.merge.WindowLeases;
import io.fmslake.parquet.ParquetOptions;
import io.fmslake.publish.LakeProbe;
import io.fmslake.publish.MinutePublisher;
import io.fmslake.publish.OffsetsReader;
import io.fmslake.publish.ParquetEncoder;
import io.fmslake.publish.UploadListener;
import io.fmslake.row.RecordDecoder;
import io.fmslake.schema.LakeSchema;
import io.fmslake.store.ObjectStore;
import io.fmslake.window.WindowCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;

/**
 * Builds the parts of a run from the settings, the one object store and the clock: the shared decoder, the
 * collector's encoder and minute publisher, the merger's planner, engine and lease.
 */
final class Components {
    static final int DEAD_LETTERS_BUFFERED = 20_000;

    private final BackfillSettings settings;
    private final ObjectStore store;
    private final Clock clock;
    private final CrashPoint.Hook hook;
    private final WindowCodec codec;
    private final Optional<LakeSchema> strictSchema;

    Components(BackfillSettings settings, ObjectStore store, Clock clock, CrashPoint.Hook hook) {
        this.settings = settings;
        this.store = store;
        this.clock = clock;
        this.hook = hook;
        LakeSettings lake = settings.lake();
        this.codec = new WindowCodec(lake.zone(), lake.weekStart());
        this.strictSchema = lake.strictSchemaFile().map(Components::readSchema);
    }

    public WindowCodec codec() {
        return codec;
    }

    RecordDecoder decoder() {
        LakeSettings lake = settings.lake();
        return new RecordDecoder(
                lake.eventTimeField(), lake.zone(), lake.maxRecordBytes(), strictSchema, lake.eventTimeBounds());
    }

    /** Runs hold the records as Kafka delivered them; they become Parquet once, when their target is written. */
    RunWriter runWriter() {
        return new RunWriter(runDir(), topic());
    }

    DeadLetterSink deadLetterSink(ExecutorService io) {
        return new DeadLetterSink(minutePublisher(), codec, DEAD_LETTERS_BUFFERED, io);
    }

    TierPublisher publisher(TierRouter router, ExecutorService mergePool, ExecutorService io) {
        Tiering tiering = new Tiering(codec, settings.lake().windowGrace());
        ParquetOptions parquet = new ParquetOptions(settings.lake().compression(), settings.rowGroupBytes(), 1 << 20);
        MergeOptions options = settings.sizes()
                .applyTo(new MergeOptions(
                        settings.spillDir().resolve("merge"), parquet, settings.byteCopyMinRowGroupBytes(), topic()));
        Combiner combiner = new Combiner(strictSchema, parquet, topic(), runDir(), codec, clock);
        return new TierPublisher(
                new MergePlanner(store, tiering, settings.sizes().targetFileBytes()),
                new MergeEngine(store, options, clock, hook),
                minutePublisher(),
                combiner,
                WindowLeases.of(store, codec, settings.leaseTtl(), settings.leaseWait(), clock),
                router,
                mergePool,
                io);
    }

    private MinutePublisher minutePublisher() {
        ParquetOptions parquet = new ParquetOptions(settings.lake().compression(), settings.rowGroupBytes(), 1 << 20);
        return new MinutePublisher(
                store,
                codec,
                new LakeProbe(store, codec, OffsetsReader.footers()),
                new ParquetEncoder(parquet, topic(), strictSchema),
                clock,
                UploadListener.NONE);
    }

    /** Removes what a killed earlier run left in the spill directory and creates an empty run directory. */
    void resetSpillDir() {
        removeSpillDir();
        try {
            Files.createDirectories(runDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the spill directory " + runDir(), e);
        }
    }

    void removeSpillDir() {
        for (Path dir : new Path[] {runDir(), settings.spillDir().resolve("merge")}) {
            if (Files.exists(dir)) {
                try (Stream<Path> paths = Files.walk(dir)) {
                    paths.sorted(Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot clean " + dir, e);
                }
            }
        }
    }

    private Path runDir() {
        return settings.spillDir().resolve("runs");
    }

    private String topic() {
        return settings.lake().kafka().topic();
    }

    private static LakeSchema readSchema(Path file) {
        try {
            return LakeSchema.fromAvro(new org.apache.avro.Schema.Parser().parse(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read STRICT_SCHEMA_FILE " + file, e);
        }
    }
}

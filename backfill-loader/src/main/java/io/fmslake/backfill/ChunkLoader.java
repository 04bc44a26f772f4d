package io.fmslake.backfill;

import io.fmslake.backfill.load.HistoryLoader;
import io.fmslake.backfill.load.LoadPlan;
import io.fmslake.backfill.load.LoadStats;
import io.fmslake.backfill.progress.Progress;
import io.fmslake.backfill.publish.DeadLetterSink;
import io.fmslake.backfill.publish.PublishStats;
import io.fmslake.backfill.publish.TierPublisher;
import io.fmslake.backfill.spill.RunWriter;
import io.fmslake.backfill.spill.SpillRun;
import io.fmslake.backfill.spill.WindowBuffers;
import io.fmslake.backfill.tier.TierRouter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * One chunk of a run's plan at a time (DESIGN-backfill.md, section 4): {@link #read} its offsets into sorted runs on
 * local disk (the spill directory holds one chunk), then {@link #publish} every target window they reach. Tiers are
 * chosen with the tier clock of that moment, so a window that closed while earlier chunks loaded goes into its
 * merged tier. Dead letters are flushed with each chunk, so the chunk is durable when publishing returns.
 */
final class ChunkLoader {
    /** What reading a chunk left on local disk. */
    record Read(LoadStats stats, List<SpillRun> runs) {}

    private final BackfillSettings settings;
    private final Components components;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Clock tierClock;
    private final TestHooks hooks;
    private final ExecutorService workers;
    private final ExecutorService spillers;
    private final ExecutorService io;
    private final DeadLetterSink deadLetters;

    /**
     * @param consumer the run's consumer (assigned and positioned per chunk)
     * @param workers  decode threads, then publishing threads
     * @param io       minute and dead-letter uploads
     */
    ChunkLoader(
            BackfillSettings settings,
            Components components,
            KafkaConsumer<byte[], byte[]> consumer,
            Clock tierClock,
            TestHooks hooks,
            ExecutorService workers,
            ExecutorService spillers,
            ExecutorService io) {
        this.settings = settings;
        this.components = components;
        this.consumer = consumer;
        this.tierClock = tierClock;
        this.hooks = hooks;
        this.workers = workers;
        this.spillers = spillers;
        this.io = io;
        this.deadLetters = components.deadLetterSink(io);
    }

    DeadLetterSink deadLetters() {
        return deadLetters;
    }

    /**
     * Reads {@code chunk} into sorted runs (the previous chunk's runs are removed first) and writes its dead
     * letters.
     *
     * @param doneBefore offsets of the run's plan read by earlier chunks (the progress goes on from there)
     */
    Read read(LoadPlan chunk, long doneBefore, Progress reading) throws InterruptedException {
        components.resetSpillDir();
        RunWriter runWriter = components.runWriter();
        WindowBuffers buffers = new WindowBuffers(
                settings.bufferBytes(),
                (w, rows, schema) -> {
                    SpillRun run = runWriter.write(w, rows, schema);
                    hooks.reached("loading");
                    return run;
                },
                spillers);
        LoadStats stats = new HistoryLoader(
                        consumer,
                        settings.lake().kafka().topic(),
                        workers,
                        settings.workers(),
                        components.decoder(),
                        router(),
                        buffers,
                        deadLetters,
                        reading)
                .load(chunk, doneBefore);
        List<SpillRun> runs = buffers.finish();
        deadLetters.flush();
        return new Read(stats, runs);
    }

    /** The publisher for a chunk's runs, routing with the tier clock of now. */
    TierPublisher publisher() {
        return components.publisher(router(), workers, io);
    }

    /** Publishes the runs of a chunk: when this returns, every row of the chunk is durable in the lake. */
    PublishStats publish(TierPublisher publisher, List<SpillRun> runs, Progress publishing) {
        return publisher.publish(runs, publishing, () -> hooks.reached("published"));
    }

    private TierRouter router() {
        return new TierRouter(components.codec(), settings.lake().windowGrace(), tierClock.instant());
    }
}

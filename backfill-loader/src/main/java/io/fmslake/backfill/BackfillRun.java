package io.fmslake.backfill;

import io.fmslake.backfill.handover.HandOver;
import io.fmslake.backfill.handover.HandOverPoint;
import io.fmslake.backfill.load.LoadPlan;
import io.fmslake.backfill.load.OwnGroup;
import io.fmslake.backfill.progress.HeapWatch;
import io.fmslake.backfill.progress.Progress;
import io.fmslake.backfill.progress.StatusReporter;
import io.fmslake.backfill.publish.PublishStats;
import io.fmslake.backfill.publish.TierPublisher;
import io.fmslake.kafka.Offsets;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One backfill: find the hand-over point, plan the offsets of this pod's partitions to read, then chunk by chunk read
 * and spill sorted runs, publish them into their tiers and record in the backfill's own group that the chunk is
 * loaded (a restart resumes after it). See DESIGN-backfill.md.
 */
public final class BackfillRun {
    private static final Logger LOG = LoggerFactory.getLogger(BackfillRun.class);
    static final String DONE_METADATA = "loaded into the lake by fms-backfill-loader";
    static final String CHUNK_METADATA = "chunk loaded into the lake by fms-backfill-loader";
    /** Threads publishing minute and dead-letter files: they mostly wait on the bucket. */
    static final int IO_THREADS = 8;

    private final BackfillSettings settings;
    private final Components components;
    private final Admin admin;
    private final Supplier<KafkaConsumer<byte[], byte[]>> consumers;
    private final Clock clock;
    private final Clock tierClock;
    private final PrintStream terminal;
    private final boolean fromEarliest;
    private final TestHooks hooks;
    private final StatusReporter status;

    /**
     * @param clock        the wall clock (leases, progress, ingest times)
     * @param tierClock    the clock tiers are chosen by: the wall clock, or one started at {@code --now}
     * @param terminal     where to draw progress bars, or null to log progress lines
     * @param fromEarliest ignore the range a finished earlier run recorded and read from the earliest offsets
     * @param status       where the run's status goes ({@code _lake/status/backfill.json})
     */
    BackfillRun(
            BackfillSettings settings,
            Components components,
            Admin admin,
            Supplier<KafkaConsumer<byte[], byte[]>> consumers,
            Clock clock,
            Clock tierClock,
            PrintStream terminal,
            boolean fromEarliest,
            TestHooks hooks,
            StatusReporter status) {
        this.settings = settings;
        this.components = components;
        this.admin = admin;
        this.consumers = consumers;
        this.clock = clock;
        this.tierClock = tierClock;
        this.terminal = terminal;
        this.fromEarliest = fromEarliest;
        this.hooks = hooks;
        this.status = status;
    }

    /** Runs the backfill, recording its status at the start, every progress interval and at the end. */
    public Summary run() throws InterruptedException {
        try (HeapWatch heap = HeapWatch.start();
                StatusReporter reporter = status.start()) {
            Summary summary;
            try {
                summary = run(heap);
            } catch (RuntimeException | InterruptedException e) {
                reporter.failed(e);
                throw e;
            }
            reporter.finished(0, "");
            return summary;
        }
    }

    private Summary run(HeapWatch heap) throws InterruptedException {
        Instant start = clock.instant();
        String topic = settings.lake().kafka().topic();
        HandOverPoint handOver = new HandOver(
                        admin,
                        topic,
                        settings.collectorGroupId(),
                        clock,
                        settings.handoverWait(),
                        Duration.ofSeconds(1),
                        settings.shard())
                .resolve();
        OwnGroup own = new OwnGroup(admin, settings.lake().kafka().groupId(), topic);
        LoadPlan plan = plan(topic, handOver, own);
        List<LoadPlan> chunks = plan.chunks(settings.chunkRecords());
        LOG.info(
                "loading {} offsets {} in {} chunk(s) of at most {} (shard {}; tiers relative to {})",
                plan.total(),
                plan.ranges(),
                chunks.size(),
                settings.chunkRecords(),
                settings.shard(),
                tierClock.instant());
        ExecutorService workers = Executors.newFixedThreadPool(settings.workers(), named("backfill-decode"));
        ExecutorService spillers = Executors.newFixedThreadPool(settings.workers(), named("backfill-spill"));
        ExecutorService io = Executors.newFixedThreadPool(IO_THREADS, named("backfill-io"));
        LoadTotals totals = new LoadTotals();
        int deadLetterFiles;
        Map<String, Long> deadLettersByReason;
        try (KafkaConsumer<byte[], byte[]> consumer = consumers.get()) {
            ChunkLoader loader =
                    new ChunkLoader(settings, components, consumer, tierClock, hooks, workers, spillers, io);
            loadChunks(chunks, plan.total(), loader, own, totals);
            deadLetterFiles = loader.deadLetters().files();
            deadLettersByReason = loader.deadLetters().byReason();
        } finally {
            workers.shutdownNow();
            spillers.shutdownNow();
            io.shutdownNow();
            spillers.awaitTermination(30, TimeUnit.SECONDS);
            components.removeSpillDir();
        }
        own.commit(handOver.offsets(), DONE_METADATA);
        Summary summary = new Summary(
                handOver.offsets(),
                plan.starts(),
                totals.records(),
                totals.rows(),
                totals.deadLetters(),
                deadLetterFiles,
                deadLettersByReason,
                totals.runs(),
                totals.tiers(),
                Duration.between(start, clock.instant()),
                heap.peakUsed(),
                HeapWatch.maxHeap(),
                settings.shard(),
                totals.chunks());
        summary.lines().forEach(LOG::info);
        return summary;
    }

    /** Reads, publishes and commits one chunk after the other. */
    private void loadChunks(List<LoadPlan> chunks, long total, ChunkLoader loader, OwnGroup own, LoadTotals totals)
            throws InterruptedException {
        Progress reading = progress("reading", "records", total);
        long doneBefore = 0;
        for (int k = 0; k < chunks.size(); k++) {
            LoadPlan chunk = chunks.get(k);
            String label = chunks.size() == 1 ? "" : " (chunk " + (k + 1) + " of " + chunks.size() + ")";
            status.reading(reading);
            ChunkLoader.Read read = loader.read(chunk, doneBefore, reading);
            LOG.info(
                    "read {} records ({} rows, {} dead letters) into {} sorted runs{}",
                    read.stats().records(),
                    read.stats().rows(),
                    read.stats().deadLetters(),
                    read.runs().size(),
                    label);
            TierPublisher publisher = loader.publisher();
            Progress publishing = progress(
                    "publishing", "windows", publisher.targets(read.runs()).size());
            status.publishing(publishing);
            PublishStats published = loader.publish(publisher, read.runs(), publishing);
            publishing.finish();
            if (chunks.size() > 1 && own.commit(chunk.ends(), CHUNK_METADATA)) {
                LOG.info(
                        "chunk {} of {} is durable: loaded up to {} (committed for group {})",
                        k + 1,
                        chunks.size(),
                        chunk.ends(),
                        own.group());
            }
            hooks.reached("chunk-committed");
            totals.add(read.stats(), read.runs().size(), published.tiers());
            doneBefore += chunk.total();
        }
        reading.finish();
    }

    /**
     * From where the backfill's own group says the loaded history ends (the last committed chunk, or a finished
     * earlier run; the earliest offsets with {@code --from-earliest}) up to the hand-over point, for this pod's
     * partitions (the hand-over point holds only those).
     */
    private LoadPlan plan(String topic, HandOverPoint handOver, OwnGroup own) {
        Offsets offsets = new Offsets(admin, Duration.ofSeconds(60));
        Map<Integer, Long> done = fromEarliest ? Map.of() : own.loaded();
        if (!done.isEmpty()) {
            LOG.info(
                    "earlier runs loaded up to {} (group {}); reading on from there (--from-earliest reads everything "
                            + "again)",
                    done,
                    own.group());
        }
        return LoadPlan.of(offsets.beginning(topic), offsets.end(topic), done, handOver.offsets());
    }

    private Progress progress(String phase, String unit, long total) {
        return new Progress(phase, unit, total, clock, settings.progressInterval(), terminal);
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}

package io.fmslake.backfill;

import io.fmslake.backfill.handover.HandOver;
import io.fmslake.backfill.handover.HandOverPoint;
import io.fmslake.backfill.handover.GroupOffsets;
import io.fmslake.backfill.load.HistoryLoader;
import io.fmslake.backfill.load.LoadPlan;
import io.fmslake.backfill.load.LoadStats;
import io.fmslake.backfill.progress.HeapWatch;
import io.fmslake.backfill.progress.Progress;
import io.fmslake.backfill.progress.StatusReporter;
import io.fmslake.backfill.publish.DeadLetterSink;
import io.fmslake.backfill.publish.PublishStats;
import io.fmslake.backfill.publish.TierPublisher;
import io.fmslake.backfill.spill.RunWriter;
import io.fmslake.backfill.spill.SpillRun;
import io.fmslake.backfill.spill.WindowBuffers;
import io.fmslake.backfill.tier.TierRouter;
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
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One backfill: find the hand-over point, plan the offsets to read, read and spill sorted runs, publish them into
 * their tiers, then record in the backfill's own group that this range is loaded. See DESIGN-backfill.md.
 */
public final class BackfillRun {
    private static final Logger LOG = LoggerFactory.getLogger(BackfillRun.class);
    static final String DONE_METADATA = "loaded into the lake by fms-backfill-loader";
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
    BackfillRun(BackfillSettings settings, Components components, Admin admin,
                Supplier<KafkaConsumer<byte[], byte[]>> consumers, Clock clock, Clock tierClock, PrintStream terminal,
                       boolean fromEarliest, TestHooks hooks, StatusReporter status) {
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
        try (HeapWatch heap = HeapWatch.start(); StatusReporter reporter = status.start()) {
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
        HandOverPoint handOver = new HandOver(admin, topic, settings.collectorGroupId(), clock,
                settings.handoverWait(), Duration.ofSeconds(1)).resolve();
        LoadPlan plan = plan(topic, handOver);
        TierRouter router = new TierRouter(components.codec(), settings.lake().windowGrace(), tierClock.instant());
        LOG.info("loading {} offsets {} (tiers relative to {})", plan.total(), plan.ranges(), router.now());
        components.resetSpillDir();
        ExecutorService workers = Executors.newFixedThreadPool(settings.workers(), named("backfill-decode"));
        ExecutorService spillers = Executors.newFixedThreadPool(settings.workers(), named("backfill-spill"));
        ExecutorService io = Executors.newFixedThreadPool(IO_THREADS, named("backfill-io"));
        try {
            RunWriter runWriter = components.runWriter();
            WindowBuffers buffers = new WindowBuffers(settings.bufferBytes(), (w, rows, schema) -> {
                SpillRun run = runWriter.write(w, rows, schema);
                hooks.reached("loading");
                return run;
            }, spillers);
            DeadLetterSink deadLetters = components.deadLetterSink(io);
            Progress reading = progress("reading", "records", plan.total());
            status.reading(reading);
            LoadStats loaded;
            try (KafkaConsumer<byte[], byte[]> consumer = consumers.get()) {
                loaded = new HistoryLoader(consumer, topic, workers, settings.workers(), components.decoder(), router,
                        buffers, deadLetters, reading).load(plan);
            }
            List<SpillRun> runs = buffers.finish();
            reading.finish();
            deadLetters.flush();
            LOG.info("read {} records ({} rows, {} dead letters) into {} sorted runs", loaded.records(),
                    loaded.rows(), loaded.deadLetters(), runs.size());
            TierPublisher publisher = components.publisher(
                    new TierRouter(components.codec(), settings.lake().windowGrace(), tierClock.instant()), workers, io);
            Progress publishing = progress("publishing", "windows", publisher.targets(runs).size());
            status.publishing(publishing);
            PublishStats published = publisher.publish(runs, publishing, () -> hooks.reached("published"));
            publishing.finish();
            recordDone(topic, handOver.offsets());
            Summary summary = new Summary(handOver.offsets(), from(plan), loaded.records(), loaded.rows(),
                    loaded.deadLetters(), deadLetters.files(), deadLetters.byReason(), runs.size(), published.tiers(),
                    Duration.between(start, clock.instant()), heap.peakUsed(), HeapWatch.maxHeap());
            summary.lines().forEach(LOG::info);
            return summary;
        } finally {
            workers.shutdownNow();
            spillers.shutdownNow();
            io.shutdownNow();
            spillers.awaitTermination(30, TimeUnit.SECONDS);
            components.removeSpillDir();
        }
    }

    private LoadPlan plan(String topic, HandOverPoint handOver) {
        Offsets offsets = new Offsets(admin, Duration.ofSeconds(60));
        Map<Integer, Long> done = fromEarliest ? Map.of() : offsets.committed(settings.lake().kafka().groupId(), topic);
        if (!done.isEmpty()) {
            LOG.info("a finished earlier run loaded up to {} (group {}); reading on from there (--from-earliest "
                    + "reads everything again)", done, settings.lake().kafka().groupId());
        }
        return LoadPlan.of(offsets.beginning(topic), offsets.end(topic), done, handOver.offsets());
    }

    /** Records the loaded range in the backfill's own group (visible in any Kafka UI; a rerun starts there). */
    private void recordDone(String topic, Map<Integer, Long> upTo) {
        try {
            GroupOffsets.commit(admin, settings.lake().kafka().groupId(), topic, upTo, DONE_METADATA,
                    Duration.ofSeconds(60));
        } catch (KafkaException e) {
            LOG.warn("could not record the loaded range in group {} (a rerun reads everything again, harmlessly): {}",
                    settings.lake().kafka().groupId(), e.getMessage());
        }
    }

    private static Map<Integer, Long> from(LoadPlan plan) {
        Map<Integer, Long> out = new java.util.TreeMap<>();
        plan.ranges().forEach(r -> out.put(r.partition(), r.from()));
        return out;
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

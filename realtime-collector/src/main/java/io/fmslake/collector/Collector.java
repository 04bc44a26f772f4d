package io.fmslake.collector;

import io.fmslake.collector.buffer.FlushRules;
import io.fmslake.collector.buffer.PartitionProgress;
import io.fmslake.collector.buffer.WindowedBuffers;
import io.fmslake.collector.consume.ConsumerLoop;
import io.fmslake.collector.consume.LoopConfig;
import io.fmslake.collector.consume.StartLedger;
import io.fmslake.collector.flush.FlushCoordinator;
import io.fmslake.collector.flush.Flusher;
import io.fmslake.collector.flush.Ownership;
import io.fmslake.collector.http.Health;
import io.fmslake.collector.http.Serving;
import io.fmslake.collector.metrics.CollectorMetrics;
import io.fmslake.collector.status.JobStatusPoller;
import io.fmslake.collector.store.CountingStore;
import io.fmslake.collector.store.StoreWatch;
import io.fmslake.config.LakeSettings;
import io.fmslake.parquet.ParquetOptions;
import io.fmslake.publish.KnownFooters;
import io.fmslake.publish.LakeProbe;
import io.fmslake.publish.MinutePublisher;
import io.fmslake.publish.OffsetsReader;
import io.fmslake.publish.ParquetEncoder;
import io.fmslake.row.RecordDecoder;
import io.fmslake.schema.LakeSchema;
import io.fmslake.store.ObjectStore;
import io.fmslake.store.StoreRetry;
import io.fmslake.window.WindowCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * The assembled service: HTTP endpoints, metrics, the flush machinery and the poll loop over one object store.
 * {@link #run()} blocks in the poll loop; {@link #stop()} (any thread) ends it gracefully.
 */
public final class Collector implements AutoCloseable {
    /**
     * Store calls are not repeated inside the store: the collector retries whole flushes itself, with backoff, and
     * keeps consuming meanwhile. So every PUT attempt passes the membership check right before it (a retry inside
     * the store would not), and no call takes longer than STORE_UPLOAD_TIMEOUT.
     */
    public static final StoreRetry STORE_RETRY = StoreRetry.none();
    /**
     * The footers the probe knows (files of the minutes being written, shared by the flush threads) may take up to
     * this fraction of {@code BUFFER_MAX_BYTES} of heap: 16 MiB for the default cap.
     */
    static final int KNOWN_FOOTERS_SHARE = 8;

    private final CollectorSettings settings;
    private final CollectorMetrics metrics;
    private final Health health;
    private final Serving serving;
    private final StoreWatch watch;
    private final JobStatusPoller jobStatus;
    private final Flusher flusher;
    private final ConsumerLoop loop;
    private final CountDownLatch finished = new CountDownLatch(1);

    /** A collector serving HTTP on {@code settings.httpPort()}. */
    public Collector(CollectorSettings settings, ObjectStore store, Clock clock, CrashPoints crash) {
        this(settings, store, clock, crash, Serving.start(settings.httpPort(), clock));
    }

    /** A collector over endpoints already serving (started before the store was reached); closes them. */
    public Collector(CollectorSettings settings, ObjectStore bucket, Clock clock, CrashPoints crash, Serving serving) {
        this.settings = settings;
        LakeSettings lake = settings.lake();
        WindowCodec codec = new WindowCodec(lake.zone(), lake.weekStart());
        Optional<LakeSchema> strict = lake.strictSchemaFile().map(Collector::loadSchema);
        this.serving = serving;
        this.metrics = serving.metrics();
        this.health = serving.health();
        ObjectStore store = new CountingStore(bucket, metrics);
        this.watch = new StoreWatch(store, health, metrics);
        this.jobStatus = new JobStatusPoller(store, metrics.jobStatus(), settings.jobStatusInterval());
        Ownership ownership = new Ownership(clock, settings.leaseSpan(), settings.storeUploadTimeout());
        ParquetEncoder encoder = new ParquetEncoder(
                new ParquetOptions(lake.compression(), 16L << 20, 1 << 20),
                lake.kafka().topic(),
                strict);
        KnownFooters known = new KnownFooters(settings.bufferMaxBytes() / KNOWN_FOOTERS_SHARE);
        Flusher.Publishers publishers = s -> new MinutePublisher(
                s,
                codec,
                new LakeProbe(s, codec, OffsetsReader.footers(), known),
                encoder,
                clock,
                key -> crash.reached("after-upload"));
        this.flusher = new Flusher(store, publishers, ownership, metrics, crash, settings.flushThreads());
        PartitionProgress progress = new PartitionProgress();
        WindowedBuffers buffers = new WindowedBuffers(
                new FlushRules(codec, lake.windowGrace(), settings.flushIdle(), settings.lateFlushInterval()),
                progress);
        FlushCoordinator flushes =
                new FlushCoordinator(buffers, flusher, ownership, health, clock, settings.bufferMaxBytes());
        RecordDecoder decoder = new RecordDecoder(
                lake.eventTimeField(), lake.zone(), lake.maxRecordBytes(), strict, lake.eventTimeBounds());
        ConsumerProperties props = new ConsumerProperties(settings, instanceId());
        this.loop = new ConsumerLoop(
                new KafkaConsumer<byte[], byte[]>(props.properties()),
                new LoopConfig(
                        lake.kafka().topic(),
                        settings.startOffset(),
                        settings.bufferMaxBytes(),
                        settings.shutdownTimeout(),
                        settings.decodeThreads(),
                        props.sessionTimeoutMillis(),
                        "written by " + props.clientId()),
                decoder,
                buffers,
                progress,
                flushes,
                ownership,
                metrics,
                health,
                clock,
                crash,
                new StartLedger(store, codec));
    }

    /** Polls until {@link #stop()}; then writes what is buffered, commits and closes the consumer. */
    public void run() {
        watch.start();
        jobStatus.start();
        try {
            loop.run();
        } catch (RuntimeException e) {
            health.fatal(e.toString());
            throw e;
        } finally {
            finished.countDown();
        }
    }

    /** Asks the poll loop to finish and waits until it has (bounded by the shutdown timeout plus a margin). */
    public void stop() {
        loop.stop();
        try {
            finished.await(settings.shutdownTimeout().toMillis() + 2_000, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public int httpPort() {
        return serving.port();
    }

    public CollectorMetrics metrics() {
        return metrics;
    }

    public Health health() {
        return health;
    }

    @Override
    public void close() {
        jobStatus.close();
        watch.close();
        serving.close();
        flusher.close();
    }

    private static LakeSchema loadSchema(java.nio.file.Path file) {
        try {
            return LakeSchema.fromAvro(new org.apache.avro.Schema.Parser().parse(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read STRICT_SCHEMA_FILE " + file, e);
        }
    }

    private static String instanceId() {
        String host = System.getenv().getOrDefault("HOSTNAME", "");
        if (host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                host = "unknown";
            }
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}

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
import io.fmslake.collector.http.HttpEndpoints;
import io.fmslake.collector.metrics.CollectorMetrics;
import io.fmslake.commit.LakeProbe;
import io.fmslake.commit.MinutePublisher;
import io.fmslake.commit.OffsetsReader;
import io.fmslake.commit.ParquetEncoder;
import io.fmslake.config.LakeSettings;
import io.fmslake.parquet.ParquetOptions;
import io.fmslake.row.RecordDecoder;
import io.fmslake.schema.LakeSchema;
import io.fmslake.store.ObjectStore;
import io.fmslake.store.StoreRetry;
import java.time.Duration;
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
     * Store calls retry briefly (about 3 s): the collector retries whole flushes itself, with backoff, and keeps
     * consuming meanwhile, so a long per-call retry would only delay the not-ready signal.
     */
    public static final StoreRetry STORE_RETRY = new StoreRetry(4, Duration.ofMillis(200), Duration.ofSeconds(2));

    private final CollectorSettings settings;
    private final CollectorMetrics metrics;
    private final Health health;
    private final HttpEndpoints http;
    private final Flusher flusher;
    private final ConsumerLoop loop;
    private final CountDownLatch finished = new CountDownLatch(1);

    public Collector(CollectorSettings settings, ObjectStore store, Clock clock, CrashPoints crash) {
        this.settings = settings;
        LakeSettings lake = settings.lake();
        WindowCodec codec = new WindowCodec(lake.zone(), lake.weekStart());
        Optional<LakeSchema> strict = lake.strictSchemaFile().map(Collector::loadSchema);
        this.metrics = new CollectorMetrics();
        this.health = new Health(clock);
        Ownership ownership = new Ownership(clock);
        ParquetEncoder encoder = new ParquetEncoder(new ParquetOptions(lake.compression(), 16L << 20, 1 << 20),
                lake.kafka().topic(), strict);
        MinutePublisher publisher = new MinutePublisher(store, codec,
                new LakeProbe(store, codec, OffsetsReader.footers()), encoder, clock,
                key -> crash.reached("after-upload"));
        this.flusher = new Flusher(publisher, ownership, metrics, crash, settings.flushThreads());
        PartitionProgress progress = new PartitionProgress();
        WindowedBuffers buffers = new WindowedBuffers(
                new FlushRules(codec, lake.windowGrace(), settings.flushIdle(), settings.lateFlushInterval()), progress);
        FlushCoordinator flushes = new FlushCoordinator(buffers, flusher, ownership, health, clock,
                settings.bufferMaxBytes());
        RecordDecoder decoder = new RecordDecoder(lake.eventTimeField(), lake.zone(), lake.maxRecordBytes(), strict,
                lake.eventTimeBounds());
        ConsumerProperties props = new ConsumerProperties(settings, instanceId());
        this.loop = new ConsumerLoop(new KafkaConsumer<byte[], byte[]>(props.properties()), new LoopConfig(lake.kafka().topic(),
                settings.startOffset(), settings.bufferMaxBytes(), settings.shutdownTimeout(), settings.decodeThreads(),
                props.sessionTimeoutMillis(), "written by " + props.clientId()),
                decoder, buffers, progress, flushes, ownership, metrics, health, clock, crash,
                new StartLedger(store, codec));
        this.http = HttpEndpoints.start(settings.httpPort(), health, metrics);
    }

    /** Polls until {@link #stop()}; then writes what is buffered, commits and closes the consumer. */
    public void run() {
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
            finished.await(settings.shutdownTimeout().toMillis() + 5_000, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public int httpPort() {
        return http.port();
    }

    public CollectorMetrics metrics() {
        return metrics;
    }

    public Health health() {
        return health;
    }

    @Override
    public void close() {
        http.close();
        flusher.close();
        metrics.close();
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

package io.fmslake.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka broker (broker and controller in one process) inside the test JVM, on a free port,
 * with its logs in a temporary directory. Starts in a few seconds. Settings for one node: internal topics with
 * replication factor 1, no initial rebalance delay, messages up to 16 MiB, topics auto-created with 1 partition.
 *
 * <p>Use {@link #shared()} (one broker per JVM, closed at exit) unless a test needs its own ({@link #startNew()}).
 */
public final class EmbeddedKafka implements KafkaBroker, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static EmbeddedKafka shared;

    private final Path dir;
    private final int port;
    private final KafkaRaftServer server;
    private final Duration startTime;
    private boolean closed;

    private EmbeddedKafka(Path dir, int port, KafkaRaftServer server, Duration startTime) {
        this.dir = dir;
        this.port = port;
        this.server = server;
        this.startTime = startTime;
    }

    /** The JVM-wide broker, started on first use and closed by a shutdown hook. Do not close it. */
    public static synchronized EmbeddedKafka shared() {
        if (shared == null) {
            EmbeddedKafka kafka = startNew();
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "embedded-kafka-stop"));
            shared = kafka;
        }
        return shared;
    }

    /** A private broker; the caller closes it. */
    public static EmbeddedKafka startNew() {
        long t0 = System.nanoTime();
        Path dir = TempDirs.create("embedded-kafka-");
        int port = Ports.free();
        int controllerPort = Ports.free();
        Properties props = config(dir.resolve("logs"), port, controllerPort);
        KraftNode.format(dir, props);
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        try {
            server.startup();
            EmbeddedKafka kafka = new EmbeddedKafka(dir, port, server, Duration.ofNanos(System.nanoTime() - t0));
            KraftNode.awaitReady(kafka.bootstrapServers(), Duration.ofSeconds(60));
            LOG.info("embedded Kafka on {} started in {} ms", kafka.bootstrapServers(), kafka.startTime.toMillis());
            return kafka;
        } catch (RuntimeException e) {
            server.shutdown();
            TempDirs.deleteQuietly(dir);
            throw e;
        }
    }

    private static Properties config(Path logs, int port, int controllerPort) {
        Properties p = KraftNode.config(logs, port, controllerPort);
        p.put("num.partitions", "1");
        p.put("auto.create.topics.enable", "true");
        p.put("message.max.bytes", String.valueOf(16 << 20));
        p.put("replica.fetch.max.bytes", String.valueOf(16 << 20));
        return p;
    }

    @Override
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** How long {@link #startNew()} took, format and readiness included. */
    public Duration startTime() {
        return startTime;
    }

    /** Stops the broker and deletes its data. The {@link #shared()} broker is closed at JVM exit instead. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        server.awaitShutdown();
        TempDirs.deleteQuietly(dir);
    }
}

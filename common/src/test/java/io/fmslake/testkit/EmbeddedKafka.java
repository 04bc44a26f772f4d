package io.fmslake.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
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
        format(dir, props);
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        try {
            server.startup();
            EmbeddedKafka kafka = new EmbeddedKafka(dir, port, server, Duration.ofNanos(System.nanoTime() - t0));
            kafka.awaitReady();
            LOG.info("embedded Kafka on {} started in {} ms", kafka.bootstrapServers(), kafka.startTime.toMillis());
            return kafka;
        } catch (RuntimeException e) {
            server.shutdown();
            TempDirs.deleteQuietly(dir);
            throw e;
        }
    }

    private static Properties config(Path logs, int port, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logs.toString());
        p.put("num.partitions", "1");
        p.put("auto.create.topics.enable", "true");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("min.insync.replicas", "1");
        p.put("default.replication.factor", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("message.max.bytes", String.valueOf(16 << 20));
        p.put("replica.fetch.max.bytes", String.valueOf(16 << 20));
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("background.threads", "2");
        return p;
    }

    private static void format(Path dir, Properties props) {
        Path file = dir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(file)) {
            props.store(out, "embedded KRaft broker");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        String clusterId = Uuid.randomUuid().toString();
        int rc = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", file.toString()},
                new PrintStream(text, true, StandardCharsets.UTF_8));
        if (rc != 0) {
            throw new IllegalStateException("kafka storage format failed: " + text.toString(StandardCharsets.UTF_8));
        }
    }

    private void awaitReady() {
        try (Admin admin = admin()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("embedded Kafka did not become ready", e);
                    }
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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

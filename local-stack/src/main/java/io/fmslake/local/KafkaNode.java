package io.fmslake.local;

import io.fmslake.testkit.KafkaBroker;
import io.fmslake.testkit.KraftNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node KRaft Kafka broker (broker and controller in one process) in this JVM, on fixed ports, with its log
 * directory under the data folder. The directory is formatted once (on the first run); later runs start on the same
 * data, so the topic, its records and the consumer groups' committed offsets survive restarts. Nothing expires:
 * the history is days old by design, so time retention is off, and committed offsets are kept for a year. As a
 * {@link KafkaBroker} it shares the test kit's topic creation (which waits until every partition has a leader).
 */
final class KafkaNode implements KafkaBroker, AutoCloseable {
    private final KafkaRaftServer server;
    private final int port;

    private KafkaNode(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Formats {@code dir} if needed, starts the broker and waits until it answers. */
    static KafkaNode start(Path dir, int port, int controllerPort) {
        Properties props = config(dir.resolve("logs"), port, controllerPort);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!Files.exists(dir.resolve("logs").resolve("meta.properties"))) {
            KraftNode.format(dir, props);
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        KafkaNode node = new KafkaNode(server, port);
        try {
            server.startup();
            KraftNode.awaitReady(node.bootstrapServers(), Duration.ofSeconds(90));
            return node;
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
    }

    private static Properties config(Path logs, int port, int controllerPort) {
        Properties p = KraftNode.config(logs, port, controllerPort);
        p.putAll(Map.of(
                "num.partitions", "3",
                "auto.create.topics.enable", "false",
                "log.retention.ms", "-1",
                "offsets.retention.minutes", Integer.toString(365 * 24 * 60)));
        return p;
    }

    @Override
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}

package io.fmslake.testkit;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** A running Kafka broker for tests: {@link EmbeddedKafka} in-process, or {@link KafkaContainerBroker}. */
public interface KafkaBroker {

    /** {@code host:port} for {@code bootstrap.servers} and {@code KAFKA_BROKERS}. */
    String bootstrapServers();

    /** A new admin client; the caller closes it. */
    default Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    /** Creates the topic with replication factor 1; fails if it exists. Returns when the topic is usable. */
    default void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /** Creates the topic with replication factor 1 and the given topic configs; returns when it is usable. */
    default void createTopic(String name, int partitions, Map<String, String> configs) {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs)))
                    .all()
                    .get();
            // metadata propagation: wait until the topic can be described with all partitions led
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!usable(admin, name, partitions)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topic " + name + " has no leader for every partition after 30 s");
                }
                Thread.sleep(50);
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException t) {
                throw t;
            }
            throw new IllegalStateException("cannot create topic " + name, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean usable(Admin admin, String name, int partitions)
            throws ExecutionException, InterruptedException {
        try {
            var d = admin.describeTopics(List.of(name)).allTopicNames().get().get(name);
            return d.partitions().size() == partitions
                    && d.partitions().stream()
                            .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false; // created, but this broker's metadata does not know it yet
            }
            throw e;
        }
    }

    /** A new batching producer (acks=all); the caller closes it. */
    default TestProducer producer() {
        return new TestProducer(bootstrapServers());
    }
}

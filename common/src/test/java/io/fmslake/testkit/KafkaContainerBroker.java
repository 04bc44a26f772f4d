package io.fmslake.testkit;

import org.testcontainers.kafka.KafkaContainer;

/**
 * A real Apache Kafka broker (KRaft) in Docker (Testcontainers). Only for tests guarded by
 * {@code @Testcontainers(disabledWithoutDocker = true)} or {@link Docker#available()}.
 */
public final class KafkaContainerBroker implements KafkaBroker, AutoCloseable {
    public static final String IMAGE = "apache/kafka:4.0.0";

    private final KafkaContainer container = new KafkaContainer(IMAGE);

    public KafkaContainerBroker start() {
        container.start();
        return this;
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void close() {
        container.stop();
    }
}

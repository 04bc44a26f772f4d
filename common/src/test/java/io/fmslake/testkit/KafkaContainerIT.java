package io.fmslake.testkit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The broker contract on Apache Kafka in Docker; skipped where no Docker engine exists. */
@Testcontainers(disabledWithoutDocker = true)
class KafkaContainerIT extends KafkaBrokerContract {
    private static KafkaContainerBroker kafka;

    @BeforeAll
    static void startKafka() {
        kafka = new KafkaContainerBroker().start();
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Override
    KafkaBroker broker() {
        return kafka;
    }
}

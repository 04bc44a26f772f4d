package io.fmslake.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The contract on the in-process KRaft broker, plus its own life cycle. */
class EmbeddedKafkaIT extends KafkaBrokerContract {

    @Override
    KafkaBroker broker() {
        return EmbeddedKafka.shared();
    }

    @Test
    void sharedBrokerIsOneInstanceAndStartsInSeconds() {
        assertTrue(EmbeddedKafka.shared() == EmbeddedKafka.shared());
        assertTrue(
                EmbeddedKafka.shared().startTime().compareTo(Duration.ofSeconds(30)) < 0,
                "started in " + EmbeddedKafka.shared().startTime());
    }

    @Test
    void aPrivateBrokerIsIndependentAndCloses() {
        String topic = "private-" + UUID.randomUUID();
        try (EmbeddedKafka own = EmbeddedKafka.startNew()) {
            own.createTopic(topic, 2);
            try (TestProducer producer = own.producer()) {
                producer.send(topic, 1, 1_000L, "only here");
            }
            assertEquals(
                    1, TestConsumer.read(own, topic, 1, Duration.ofSeconds(30)).size());
            assertTrue(!own.bootstrapServers().equals(EmbeddedKafka.shared().bootstrapServers()));
        }
    }
}

package io.fmslake.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fmslake.config.KafkaSettings;
import io.fmslake.config.Secret;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaClientsTest {
    private final KafkaSettings settings = new KafkaSettings(
            List.of("k1:9092", "k2:9092"),
            "fms",
            "fms-collector",
            "SASL_SSL",
            Optional.of("PLAIN"),
            Optional.of(new Secret("jaas-secret")),
            Optional.empty(),
            Optional.empty());

    @Test
    void consumerHasConnectionSecurityAndSafeDefaults() {
        Properties p = KafkaClients.consumer(settings, Map.of());
        assertEquals("k1:9092,k2:9092", p.get("bootstrap.servers"));
        assertEquals("SASL_SSL", p.get("security.protocol"));
        assertEquals("jaas-secret", p.get("sasl.jaas.config"));
        assertEquals("fms-collector", p.get("group.id"));
        assertEquals("false", p.get("enable.auto.commit"));
        assertEquals("read_committed", p.get("isolation.level"));
        assertEquals("earliest", p.get("auto.offset.reset"));
        assertEquals("org.apache.kafka.common.serialization.ByteArrayDeserializer", p.get("value.deserializer"));
        assertEquals(String.valueOf(KafkaClients.MAX_POLL_RECORDS), p.get("max.poll.records"));
    }

    @Test
    void overridesWin() {
        Properties p = KafkaClients.consumer(settings, Map.of("group.id", "fms-backfill", "max.poll.records", "7"));
        assertEquals("fms-backfill", p.get("group.id"));
        assertEquals("7", p.get("max.poll.records"));
        Properties a = KafkaClients.admin(settings, Map.of("client.id", "merger"));
        assertEquals("k1:9092,k2:9092", a.get("bootstrap.servers"));
        assertEquals("merger", a.get("client.id"));
    }
}

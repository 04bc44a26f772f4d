package io.fmslake.local;

import io.fmslake.testkit.KafkaBroker;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;

/** The telemetry topic: 3 partitions, no time retention (the history is days old on purpose). */
final class Topic {
    static final int PARTITIONS = 3;

    private Topic() {}

    /** Creates the topic unless it exists; returns how many records it holds (sum of end offsets). */
    static long ensure(KafkaBroker kafka, String topic) {
        try (Admin admin = kafka.admin()) {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                try {
                    kafka.createTopic(topic, PARTITIONS, Map.of("retention.ms", "-1"));
                } catch (TopicExistsException e) {
                    // created meanwhile: use it
                }
            }
            TopicDescription d = admin.describeTopics(Set.of(topic))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .get(topic);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            d.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(i -> i.offset())
                    .sum();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create or read topic " + topic + ": " + e.getMessage(), e);
        }
    }
}

package io.fmslake.bench;

import io.fmslake.testkit.KafkaBroker;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** Waits until a consumer group has committed every partition's end offset (all its records durable). */
final class Offsets {
    private final KafkaBroker kafka;

    Offsets(KafkaBroker kafka) {
        this.kafka = kafka;
    }

    /** Polls every second; throws when {@code timeout} passes or one of {@code members} has exited. */
    void awaitCommitted(String group, Duration timeout, List<ServiceJvm> members) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long behind = -1;
        try (Admin admin = kafka.admin()) {
            while (System.nanoTime() < deadline) {
                behind = behind(admin, group);
                if (behind == 0) {
                    return;
                }
                for (ServiceJvm m : members) {
                    if (!m.alive()) {
                        throw new IllegalStateException(m.name() + " exited; log " + m.log());
                    }
                }
                Thread.sleep(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("group " + group + " still " + behind + " records behind after " + timeout);
    }

    /** Records between the group's committed offsets and the ends, over every partition with records. */
    private static long behind(Admin admin, String group) throws InterruptedException {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            long behind = 0;
            var ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
            for (var e : ends.entrySet()) {
                behind += e.getValue().offset() - committed.get(e.getKey()).offset();
            }
            return committed.isEmpty() ? Long.MAX_VALUE : behind;
        } catch (ExecutionException | TimeoutException e) {
            return Long.MAX_VALUE;
        }
    }
}

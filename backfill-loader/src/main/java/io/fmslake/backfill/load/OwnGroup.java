package io.fmslake.backfill.load;

import io.fmslake.backfill.handover.GroupOffsets;
import io.fmslake.kafka.Offsets;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backfill's own consumer group ({@code KAFKA_GROUP_ID}): per partition, where the loaded history ends. Every
 * offset below a committed offset is durable in the lake; a run reads on from there. The backfill never joins the
 * group (it assigns partitions), so the group has no member and Kafka accepts the Admin client's commits; the pods
 * of an Indexed Job commit disjoint partitions.
 */
public final class OwnGroup {
    private static final Logger LOG = LoggerFactory.getLogger(OwnGroup.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Admin admin;
    private final String group;
    private final String topic;

    public OwnGroup(Admin admin, String group, String topic) {
        this.admin = admin;
        this.group = group;
        this.topic = topic;
    }

    public String group() {
        return group;
    }

    /** Partition -> committed offset (partitions without one are absent). */
    public Map<Integer, Long> loaded() {
        return new Offsets(admin, TIMEOUT).committed(group, topic);
    }

    /**
     * Records that everything below {@code upTo} is durable. A refused commit is a WARN, not a failure: the record
     * only saves work (a rerun reads from the previous record instead, and every publish is idempotent).
     *
     * @return whether Kafka accepted it
     */
    public boolean commit(Map<Integer, Long> upTo, String metadata) {
        if (upTo.isEmpty()) {
            return true;
        }
        try {
            GroupOffsets.commit(admin, group, topic, upTo, metadata, TIMEOUT);
            return true;
        } catch (KafkaException e) {
            LOG.warn(
                    "could not record the loaded offsets {} in group {} (a rerun reads them again, harmlessly): {}",
                    upTo,
                    group,
                    e.getMessage());
            return false;
        }
    }
}

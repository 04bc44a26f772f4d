package io.fmslake.backfill.handover;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import io.fmslake.kafka.Offsets;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds where the realtime collector takes over: the collector group's committed offset of every partition.
 * Records below it are the backfill's (the collector may hold some of them too: dedupe by coordinates), records
 * at or above it are the collector's.
 *
 * <p>When the collector group has no committed offset for a partition, the backfill records the hand-over
 * itself: it commits the partition's current end offset for the collector group. Kafka accepts such a commit
 * only while the group has no active member, so it can never move a running collector; when it is refused (the
 * collector is starting), the backfill waits for the collector's own first commit. Either way the offsets are
 * re-read until every partition has one, and those are the boundary.
 */
public final class HandOver {
    private static final Logger LOG = LoggerFactory.getLogger(HandOver.class);
    static final String METADATA = "hand-over recorded by fms-backfill-loader";

    private final Admin admin;
    private final Offsets offsets;
    private final String topic;
    private final String collectorGroup;
    private final Clock clock;
    private final Duration wait;
    private final Duration pause;

    public HandOver(Admin admin, String topic, String collectorGroup, Clock clock, Duration wait, Duration pause) {
        this.admin = admin;
        this.offsets = new Offsets(admin, Duration.ofSeconds(60));
        this.topic = topic;
        this.collectorGroup = collectorGroup;
        this.clock = clock;
        this.wait = wait;
        this.pause = pause;
    }

    /** The collector group's committed offsets for every partition of the topic, recording them when absent. */
    public HandOverPoint resolve() {
        List<Integer> partitions = offsets.partitions(topic);
        Instant deadline = clock.instant().plus(wait);
        boolean recorded = false;
        String lastRefusal = "";
        while (true) {
            Map<Integer, Long> committed = offsets.committed(collectorGroup, topic);
            Map<Integer, Long> missing = new TreeMap<>();
            for (int p : partitions) {
                if (!committed.containsKey(p)) {
                    missing.put(p, -1L);
                }
            }
            if (missing.isEmpty()) {
                Map<Integer, Long> boundary = new TreeMap<>();
                partitions.forEach(p -> boundary.put(p, committed.get(p)));
                LOG.info("hand-over point ({}): collector group {} takes over at {}",
                        recorded ? "recorded by this run" : "committed offsets", collectorGroup, boundary);
                return new HandOverPoint(boundary, recorded);
            }
            String refusal = tryRecord(missing.keySet().stream().toList());
            if (refusal == null) {
                recorded = true;
                continue;
            }
            if (!refusal.equals(lastRefusal)) {
                LOG.info("collector group {} has no committed offset for partitions {} and refused ours ({}): "
                        + "waiting for the collector's first commit", collectorGroup, missing.keySet(), refusal);
                lastRefusal = refusal;
            }
            if (!clock.instant().isBefore(deadline)) {
                throw new HandOverException("no hand-over point after " + wait + ": collector group " + collectorGroup
                        + " has no committed offset for partitions " + missing.keySet() + " and refused ours: " + refusal);
            }
            sleep();
        }
    }

    /** Commits the current end offsets of {@code partitions} for the collector group; null on success. */
    private String tryRecord(List<Integer> partitions) {
        try {
            Map<Integer, Long> ends = new TreeMap<>(offsets.end(topic));
            ends.keySet().retainAll(partitions);
            GroupOffsets.commit(admin, collectorGroup, topic, ends, METADATA, Duration.ofSeconds(30));
            LOG.info("recorded the hand-over for collector group {}: end offsets {}", collectorGroup, ends);
            return null;
        } catch (KafkaException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private void sleep() {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HandOverException("interrupted while waiting for the hand-over", e);
        }
    }
}

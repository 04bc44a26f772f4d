package io.fmslake.backfill.handover;

import io.fmslake.backfill.load.Shard;
import io.fmslake.kafka.Offsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 *
 * <p>Of the pods of an Indexed Job ({@link Shard}) only index 0 records; every pod waits until each partition it
 * loads has a committed offset and takes those as its boundary. So the collector group's offsets have one writer
 * besides the collector: two pods can never record different end offsets, one of which the collector would not
 * start at.
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
    private final Shard shard;

    /** One pod loading every partition. */
    public HandOver(Admin admin, String topic, String collectorGroup, Clock clock, Duration wait, Duration pause) {
        this(admin, topic, collectorGroup, clock, wait, pause, Shard.SINGLE);
    }

    /** @param shard the partitions this pod loads; index 0 records the hand-over when the collector group has none */
    public HandOver(
            Admin admin, String topic, String collectorGroup, Clock clock, Duration wait, Duration pause, Shard shard) {
        this.admin = admin;
        this.offsets = new Offsets(admin, Duration.ofSeconds(60));
        this.topic = topic;
        this.collectorGroup = collectorGroup;
        this.clock = clock;
        this.wait = wait;
        this.pause = pause;
        this.shard = shard;
    }

    /**
     * The collector group's committed offsets for every partition this pod loads; index 0 records them for every
     * partition of the topic that has none, the other indexes wait for them.
     */
    public HandOverPoint resolve() {
        List<Integer> partitions = offsets.partitions(topic);
        List<Integer> mine = shard.of(partitions);
        Instant deadline = clock.instant().plus(wait);
        boolean recorded = false;
        String lastRefusal = "";
        while (true) {
            Map<Integer, Long> committed = offsets.committed(collectorGroup, topic);
            List<Integer> missing = (shard.recordsHandOver() ? partitions : mine)
                    .stream().filter(p -> !committed.containsKey(p)).toList();
            if (missing.isEmpty()) {
                Map<Integer, Long> boundary = new TreeMap<>();
                mine.forEach(p -> boundary.put(p, committed.get(p)));
                LOG.info(
                        "hand-over point ({}): collector group {} takes over at {}",
                        recorded ? "recorded by this run" : "committed offsets",
                        collectorGroup,
                        boundary);
                return new HandOverPoint(boundary, recorded);
            }
            String refusal = shard.recordsHandOver() ? tryRecord(missing) : "index 0 records it";
            if (refusal == null) {
                recorded = true;
                continue;
            }
            if (!refusal.equals(lastRefusal)) {
                LOG.info(
                        "collector group {} has no committed offset for partitions {} ({}): waiting for {}",
                        collectorGroup,
                        missing,
                        refusal,
                        waitingFor());
                lastRefusal = refusal;
            }
            if (!clock.instant().isBefore(deadline)) {
                throw new HandOverException("no hand-over point after " + wait + ": collector group " + collectorGroup
                        + " has no committed offset for partitions " + missing + " (" + refusal + "); waited for "
                        + waitingFor());
            }
            sleep();
        }
    }

    private String waitingFor() {
        return shard.recordsHandOver()
                ? "the collector's first commit"
                : "index 0 of the Job (shard " + shard + ") to record the hand-over, or the collector's first commit";
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

package io.fmslake.collector.consume;

import io.fmslake.collector.CollectorSettings.StartOffset;
import io.fmslake.collector.consume.StartDecider.GroupFacts;
import io.fmslake.collector.consume.StartDecider.PartitionFacts;
import io.fmslake.collector.metrics.CollectorMetrics;
import io.fmslake.publish.LakeCoordinates;
import io.fmslake.publish.RetentionGap;
import io.fmslake.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers what {@link StartDecider} needs (committed offsets and log bounds from Kafka, the group marker and, only
 * when a partition has no committed offset, the lake's coordinates), creates the marker when it is missing, records
 * every retention gap ({@code _lake/gaps/}, a WARN line and {@code fms_collector_retention_gap_records_total}) and
 * logs each decision in one INFO line. Runs on the poll thread. The consumer runs with {@code auto.offset.reset=none}:
 * every position comes from here.
 */
final class StartPositions {
    private static final Logger LOG = LoggerFactory.getLogger(StartPositions.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final StartOffset startOffset;
    private final StartLedger ledger;
    private final CollectorMetrics metrics;
    private final Clock clock;
    private final String by;
    private GroupMarker marker;

    StartPositions(
            Consumer<byte[], byte[]> consumer,
            String topic,
            StartOffset startOffset,
            StartLedger ledger,
            CollectorMetrics metrics,
            Clock clock,
            String by) {
        this.consumer = consumer;
        this.topic = topic;
        this.startOffset = startOffset;
        this.ledger = ledger;
        this.metrics = metrics;
        this.clock = clock;
        this.by = by;
    }

    /** Where newly assigned partitions start (creating the group marker first if the bucket has none). */
    List<StartDecision> assigned(Collection<TopicPartition> partitions) {
        String group = consumer.groupMetadata().groupId();
        Set<TopicPartition> all = new HashSet<>(partitions);
        consumer.partitionsFor(topic, TIMEOUT).forEach(i -> all.add(new TopicPartition(topic, i.partition())));
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(all, TIMEOUT);
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(all, TIMEOUT);
        Map<TopicPartition, Long> end = consumer.endOffsets(all, TIMEOUT);
        List<PartitionFacts> facts = all.stream()
                .sorted(Comparator.comparingInt(TopicPartition::partition))
                .map(tp -> new PartitionFacts(
                        tp.partition(),
                        committed.get(tp) == null
                                ? OptionalLong.empty()
                                : OptionalLong.of(committed.get(tp).offset()),
                        begin.get(tp),
                        end.get(tp)))
                .toList();
        boolean anyCommitted = committed.values().stream().anyMatch(Objects::nonNull);
        boolean needsBucket = partitions.stream().anyMatch(tp -> committed.get(tp) == null);
        Optional<LakeCoordinates> lake = needsBucket ? Optional.of(ledger.coordinates()) : Optional.empty();
        GroupFacts g;
        try {
            g = withMarker(group, facts, anyCommitted, lake);
        } catch (StoreException e) {
            if (needsBucket) {
                throw e;
            }
            LOG.warn(
                    "cannot read or create the group marker now ({}); the committed offsets decide these starts, "
                            + "the marker is written at a later assignment",
                    e.toString());
            g = new GroupFacts(false, Map.of(), true, lake, startOffset);
        }
        GroupFacts known = g;
        Set<Integer> numbers =
                new HashSet<>(partitions.stream().map(TopicPartition::partition).toList());
        List<StartDecision> decisions = facts.stream()
                .filter(p -> numbers.contains(p.partition()))
                .map(p -> StartDecider.decide(p, known))
                .toList();
        decisions.forEach(this::report);
        return decisions;
    }

    /** The group's facts after creating the marker if the bucket has none (another replica may win the create). */
    private GroupFacts withMarker(
            String group, List<PartitionFacts> facts, boolean anyCommitted, Optional<LakeCoordinates> lake) {
        GroupFacts g = facts(group, anyCommitted, lake);
        if (marker != null) {
            return g;
        }
        GroupMarker created = new GroupMarker(
                group,
                topic,
                clock.instant(),
                by,
                StartDecider.markerReason(g),
                startOffset.name().toLowerCase(Locale.ROOT),
                StartDecider.markerStarts(facts, g));
        if (!ledger.create(created)) {
            return facts(group, anyCommitted, lake);
        }
        marker = created;
        LOG.info("group marker {} created ({}): starts {}", GroupMarker.key(group), created.reason(), created.starts());
        return g;
    }

    /** Where partitions whose fetch position fell out of the log resume (no marker, no lake: a position exists). */
    List<StartDecision> outOfRange(Map<TopicPartition, Long> positions) {
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(positions.keySet(), TIMEOUT);
        Map<TopicPartition, Long> ends = consumer.endOffsets(positions.keySet(), TIMEOUT);
        GroupFacts g = new GroupFacts(true, Map.of(), true, Optional.empty(), startOffset);
        List<StartDecision> decisions = positions.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.comparingInt(TopicPartition::partition)))
                .map(e -> {
                    long s = begin.get(e.getKey());
                    long end = ends.get(e.getKey());
                    return StartDecider.decide(
                                    new PartitionFacts(e.getKey().partition(), OptionalLong.of(e.getValue()), s, end),
                                    g)
                            .because("fetch position " + e.getValue() + " out of the log [" + s + ", " + end
                                    + ") while running");
                })
                .toList();
        decisions.forEach(this::report);
        return decisions;
    }

    /** The group's facts with the marker as the bucket has it now (read until it exists, then kept). */
    private GroupFacts facts(String group, boolean anyCommitted, Optional<LakeCoordinates> lake) {
        if (marker == null) {
            marker = ledger.marker(group).orElse(null);
        }
        Map<Integer, Long> starts = Map.of();
        if (marker != null) {
            if (marker.topic().equals(topic)) {
                starts = marker.starts();
            } else {
                LOG.warn(
                        "group marker {} names topic '{}', not {}: its start offsets are ignored",
                        GroupMarker.key(group),
                        marker.topic(),
                        topic);
            }
        }
        return new GroupFacts(marker != null, starts, anyCommitted, lake, startOffset);
    }

    private void report(StartDecision d) {
        LOG.info(d.describe());
        if (d.gapFrom().isEmpty()) {
            return;
        }
        RetentionGap gap = new RetentionGap(
                d.partition(),
                d.gapFrom().getAsLong(),
                d.offset(),
                clock.instant(),
                by + " (rule " + d.rule().label() + ")");
        boolean fresh = ledger.record(gap);
        if (fresh) {
            metrics.retentionGap(d.partition(), gap.offsets());
        }
        LOG.warn(
                "lost to retention: partition {} offsets [{}, {}) ({} offsets) were deleted by Kafka before this "
                        + "group read them; resuming at {}; {} {}",
                d.partition(),
                gap.from(),
                gap.to(),
                gap.offsets(),
                d.offset(),
                fresh ? "recorded as" : "already recorded as",
                gap.key());
    }
}

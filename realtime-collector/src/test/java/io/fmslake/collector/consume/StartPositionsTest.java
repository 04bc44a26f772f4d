package io.fmslake.collector.consume;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.collector.CollectorSettings.StartOffset;
import io.fmslake.collector.consume.StartDecision.Rule;
import io.fmslake.collector.metrics.CollectorMetrics;
import io.fmslake.store.StoreException;
import io.fmslake.testkit.MemoryObjectStore;
import io.fmslake.testkit.MutableClock;
import io.fmslake.window.WindowCodec;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The group marker as replicas and upgrades meet it, against a MockConsumer and an in-memory bucket. */
class StartPositionsTest {
    static final String TOPIC = "fms";
    static final String MARKER = "_lake/groups/dummy.group.id.json"; // MockConsumer's group id
    final MemoryObjectStore store = new MemoryObjectStore();
    final StartLedger ledger = new StartLedger(store, new WindowCodec(ZoneId.of("UTC"), DayOfWeek.SUNDAY));
    final MutableClock clock = new MutableClock(Instant.parse("2025-06-12T11:22:00Z"));
    final CollectorMetrics metrics = new CollectorMetrics();

    static TopicPartition tp(int p) {
        return new TopicPartition(TOPIC, p);
    }

    /** A replica's consumer: 3 partitions with log [0, end), all assigned (so that committed() answers for them). */
    static MockConsumer<byte[], byte[]> replica(long end) {
        MockConsumer<byte[], byte[]> c = new MockConsumer<>("earliest");
        c.updatePartitions(
                TOPIC,
                IntStream.range(0, 3)
                        .mapToObj(p -> new PartitionInfo(TOPIC, p, null, null, null))
                        .toList());
        List<TopicPartition> all = List.of(tp(0), tp(1), tp(2));
        c.assign(all);
        c.updateBeginningOffsets(Map.of(tp(0), 0L, tp(1), 0L, tp(2), 0L));
        c.updateEndOffsets(Map.of(tp(0), end, tp(1), end, tp(2), end));
        return c;
    }

    StartPositions positions(MockConsumer<byte[], byte[]> consumer) {
        return new StartPositions(consumer, TOPIC, StartOffset.LATEST, ledger, metrics, clock, "test");
    }

    @Test
    void replicasStartingTogetherShareTheFirstStartsHandOverPoints() {
        List<StartDecision> a = positions(replica(40)).assigned(List.of(tp(0)));
        assertEquals(
                List.of(Rule.FIRST_START), a.stream().map(StartDecision::rule).toList());
        assertEquals(40, a.get(0).offset());
        String marker = new String(store.bytes(MARKER), UTF_8);
        assertTrue(marker.contains("\"reason\":\"first start\""), marker);
        assertTrue(marker.contains("\"starts\":{\"0\":40,\"1\":40,\"2\":40}"), marker);

        // replica b gets partition 1 a moment later, when more records arrived: it starts where a's marker says
        List<StartDecision> b = positions(replica(90)).assigned(List.of(tp(1)));
        assertEquals(Rule.MARKER, b.get(0).rule(), b.get(0).describe());
        assertEquals(40, b.get(0).offset(), "records 40-89 are the collector's, not the backfill's");
    }

    @Test
    void anUpgradedGroupWritesItsMarkerFromTheCommittedOffsetsAndStartsANewPartitionAtItsEarliest() {
        MockConsumer<byte[], byte[]> consumer = replica(100);
        consumer.commitSync(Map.of(tp(0), new OffsetAndMetadata(60), tp(1), new OffsetAndMetadata(70)));
        List<StartDecision> d = positions(consumer).assigned(List.of(tp(0), tp(1), tp(2)));
        assertEquals(
                List.of(Rule.COMMITTED, Rule.COMMITTED, Rule.EARLIEST),
                d.stream().map(StartDecision::rule).toList());
        assertEquals(
                List.of(60L, 70L, 0L), d.stream().map(StartDecision::offset).toList());
        String marker = new String(store.bytes(MARKER), UTF_8);
        assertTrue(marker.contains("\"reason\":\"committed offsets\""), marker);
        assertTrue(marker.contains("\"starts\":{\"0\":60,\"1\":70}"), marker);
    }

    @Test
    void aMarkerThatExistsIsNeverReplaced() {
        store.put(
                MARKER,
                ("{\"group\":\"dummy.group.id\",\"topic\":\"fms\",\"created\":\"2025-01-01T00:00:00Z\","
                                + "\"starts\":{\"2\":5}}")
                        .getBytes(UTF_8));
        byte[] before = store.bytes(MARKER);
        List<StartDecision> d = positions(replica(100)).assigned(List.of(tp(2)));
        assertEquals(Rule.MARKER, d.get(0).rule());
        assertEquals(5, d.get(0).offset());
        assertEquals(new String(before, UTF_8), new String(store.bytes(MARKER), UTF_8));
    }

    @Test
    void aMarkerOfAnotherTopicStillProvesAnEarlierStartButItsStartsAreIgnored() {
        store.put(
                MARKER,
                "{\"topic\":\"other\",\"created\":\"2025-01-01T00:00:00Z\",\"starts\":{\"2\":5}}".getBytes(UTF_8));
        List<StartDecision> d = positions(replica(100)).assigned(List.of(tp(2)));
        assertEquals(Rule.EARLIEST, d.get(0).rule(), "not START_OFFSET=latest: the group has started before");
        assertEquals(0, d.get(0).offset());
    }

    @Test
    void anUnreachableBucketDelaysTheMarkerButStopsOnlyStartsThatNeedIt() {
        store.failWhen(key -> true);
        MockConsumer<byte[], byte[]> consumer = replica(100);
        consumer.commitSync(Map.of(tp(0), new OffsetAndMetadata(60)));
        StartPositions positions = positions(consumer);
        assertEquals(Rule.COMMITTED, positions.assigned(List.of(tp(0))).get(0).rule());
        assertThrows(StoreException.class, () -> positions.assigned(List.of(tp(1))), "no guess without the lake");
        store.heal();
        assertEquals(Rule.EARLIEST, positions.assigned(List.of(tp(1))).get(0).rule());
        assertTrue(store.keys().contains(MARKER), "written at the next assignment");
    }
}

package io.fmslake.collector.consume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fmslake.collector.CollectorSettings.StartOffset;
import io.fmslake.collector.consume.StartDecider.GroupFacts;
import io.fmslake.collector.consume.StartDecider.PartitionFacts;
import io.fmslake.collector.consume.StartDecision.Rule;
import io.fmslake.publish.LakeCoordinates;
import io.fmslake.row.OffsetSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The decision table: group marker absent/present x committed offsets none/some/all x lake data for the partition
 * yes/no, plus the log bounds. Partition 0's log is [100, 500) unless a test says otherwise.
 */
class StartDeciderTest {
    static final LakeCoordinates EMPTY = LakeCoordinates.of(List.of());
    /** Partition 0 durable 0-299 (the backfill up to 200, the collector after), partition 1 durable 0-9. */
    static final LakeCoordinates LAKE = lake("0:0-199", "0:200-299;1:0-9");

    static LakeCoordinates lake(String... files) {
        return LakeCoordinates.of(List.of(files).stream().map(OffsetSet::decode).toList());
    }

    static PartitionFacts uncommitted(int partition) {
        return new PartitionFacts(partition, OptionalLong.empty(), 100, 500);
    }

    static PartitionFacts committed(int partition, long offset) {
        return new PartitionFacts(partition, OptionalLong.of(offset), 100, 500);
    }

    static GroupFacts group(boolean marker, Map<Integer, Long> starts, boolean anyCommitted, LakeCoordinates lake) {
        return new GroupFacts(marker, starts, anyCommitted, Optional.ofNullable(lake), StartOffset.LATEST);
    }

    static void assertStart(long offset, Rule rule, StartDecision d) {
        assertEquals(rule, d.rule(), d.describe());
        assertEquals(offset, d.offset(), d.describe());
    }

    // --- marker absent, no committed offset anywhere ---

    @Test
    void theVeryFirstStartOnAnEmptyLakeUsesStartOffset() {
        assertStart(500, Rule.FIRST_START, StartDecider.decide(uncommitted(0), group(false, Map.of(), false, EMPTY)));
        GroupFacts earliest = new GroupFacts(false, Map.of(), false, Optional.of(EMPTY), StartOffset.EARLIEST);
        assertStart(100, Rule.FIRST_START, StartDecider.decide(uncommitted(0), earliest));
    }

    @Test
    void withoutMarkerAndOffsetsALakeThatHoldsThePartitionDecidesNotStartOffset() {
        StartDecision d = StartDecider.decide(uncommitted(0), group(false, Map.of(), false, LAKE));
        assertStart(300, Rule.LAKE, d);
        assertEquals(OptionalLong.empty(), d.gapFrom());
    }

    @Test
    void withoutMarkerAndOffsetsAPartitionTheLakeLacksStartsAtItsEarliestWhenTheLakeHoldsOthers() {
        assertStart(100, Rule.EARLIEST, StartDecider.decide(uncommitted(2), group(false, Map.of(), false, LAKE)));
    }

    // --- marker absent, some committed offsets (an upgraded deployment; a partition added meanwhile) ---

    @Test
    void anUpgradedGroupStartsAnUncommittedPartitionFromTheLakeOrItsEarliest() {
        assertStart(300, Rule.LAKE, StartDecider.decide(uncommitted(0), group(false, Map.of(), true, LAKE)));
        assertStart(100, Rule.EARLIEST, StartDecider.decide(uncommitted(5), group(false, Map.of(), true, LAKE)));
        assertStart(100, Rule.EARLIEST, StartDecider.decide(uncommitted(5), group(false, Map.of(), true, EMPTY)));
    }

    // --- a committed offset decides, whatever the marker and the lake ---

    @Test
    void aCommittedOffsetWithinTheLogIsTheStartAndTheLakeIsNotNeeded() {
        for (boolean marker : new boolean[] {false, true}) {
            assertStart(
                    250,
                    Rule.COMMITTED,
                    StartDecider.decide(committed(0, 250), group(marker, Map.of(0, 0L), true, null)));
        }
        assertStart(500, Rule.COMMITTED, StartDecider.decide(committed(0, 500), group(true, Map.of(), true, null)));
    }

    @Test
    void aCommittedOffsetBelowTheLogStartResumesThereWithAGap() {
        StartDecision d = StartDecider.decide(committed(0, 40), group(true, Map.of(), true, null));
        assertStart(100, Rule.RETENTION, d);
        assertEquals(OptionalLong.of(40), d.gapFrom());
        assertEquals(60, d.gapOffsets());
    }

    @Test
    void aCommittedOffsetBeyondTheLogEndResumesAtTheEnd() {
        assertStart(500, Rule.BEYOND_END, StartDecider.decide(committed(0, 900), group(true, Map.of(), true, null)));
    }

    // --- marker present, the partition has no committed offset (expired or deleted offsets, a new partition) ---

    @Test
    void expiredOffsetsResumeAtTheFirstOffsetTheLakeLacksAboveTheMarkersStart() {
        assertStart(300, Rule.LAKE, StartDecider.decide(uncommitted(0), group(true, Map.of(0, 200L), false, LAKE)));
        assertStart(300, Rule.LAKE, StartDecider.decide(uncommitted(0), group(true, Map.of(0, 200L), true, LAKE)));
    }

    @Test
    void aHoleInTheLakeIsReadAgainNeverSkipped() {
        // 250 is missing (a transaction marker, or a record not durable): the start is there, 251-299 are re-read
        LakeCoordinates holed = lake("0:0-249", "0:251-299");
        assertStart(250, Rule.LAKE, StartDecider.decide(uncommitted(0), group(true, Map.of(0, 200L), false, holed)));
    }

    @Test
    void withoutAStartInTheMarkerTheLogStartIsTheFloorNotTheLakesLowestOffset() {
        // 100-119 were read but sat in an open minute while a later minute (120-199) was written; then the
        // collector died and its offsets expired: they are read again, not skipped
        LakeCoordinates late = lake("0:120-199");
        assertStart(100, Rule.LAKE, StartDecider.decide(uncommitted(0), group(true, Map.of(), false, late)));
        assertStart(100, Rule.LAKE, StartDecider.decide(uncommitted(0), group(false, Map.of(), true, late)));
    }

    @Test
    void recordsOfTheGroupThatRetentionDeletedBeforeTheyWereDurableAreAGapOnTheLakePath() {
        // log now [100, 500); the lake holds 0-49 of the group's share from 0 on: 50-99 were lost
        StartDecision d = StartDecider.decide(uncommitted(0), group(true, Map.of(0, 0L), false, lake("0:0-49")));
        assertStart(100, Rule.LAKE, d);
        assertEquals(OptionalLong.of(50), d.gapFrom());
    }

    @Test
    void aLakeBeyondTheLogEndIsNotFollowedPastTheEnd() {
        PartitionFacts shortLog = new PartitionFacts(0, OptionalLong.empty(), 0, 150);
        assertStart(150, Rule.BEYOND_END, StartDecider.decide(shortLog, group(true, Map.of(), false, LAKE)));
    }

    @Test
    void nothingInTheLakeStartsWhereTheMarkerSaysTheGroupTookOver() {
        assertStart(450, Rule.MARKER, StartDecider.decide(uncommitted(0), group(true, Map.of(0, 450L), false, EMPTY)));
        StartDecision d = StartDecider.decide(uncommitted(0), group(true, Map.of(0, 30L), false, EMPTY));
        assertStart(100, Rule.MARKER, d);
        assertEquals(OptionalLong.of(30), d.gapFrom(), "30-99 were the group's and are gone");
    }

    @Test
    void aPartitionThatAppearedLaterStartsAtItsEarliestOffset() {
        for (boolean anyCommitted : new boolean[] {false, true}) {
            assertStart(
                    100,
                    Rule.EARLIEST,
                    StartDecider.decide(uncommitted(5), group(true, Map.of(0, 0L), anyCommitted, LAKE)));
            assertStart(
                    100,
                    Rule.EARLIEST,
                    StartDecider.decide(uncommitted(5), group(true, Map.of(0, 0L), anyCommitted, EMPTY)));
        }
    }

    @Test
    void aPartitionWithoutCommittedOffsetNeedsTheLake() {
        assertThrows(
                IllegalStateException.class,
                () -> StartDecider.decide(uncommitted(0), group(true, Map.of(), true, null)));
    }

    // --- the marker a start writes ---

    @Test
    void aFirstStartsMarkerListsTheStartOffsetOfEveryPartitionOthersTheCommittedOnes() {
        List<PartitionFacts> all = List.of(uncommitted(0), uncommitted(1));
        GroupFacts first = group(false, Map.of(), false, EMPTY);
        assertEquals(Map.of(0, 500L, 1, 500L), StartDecider.markerStarts(all, first));
        assertEquals("first start", StartDecider.markerReason(first));

        List<PartitionFacts> upgraded = List.of(committed(0, 40), committed(1, 300), uncommitted(2));
        GroupFacts existing = group(false, Map.of(), true, null);
        assertEquals(Map.of(0, 100L, 1, 300L), StartDecider.markerStarts(upgraded, existing));
        assertEquals("committed offsets", StartDecider.markerReason(existing));
        assertEquals("lake history", StartDecider.markerReason(group(false, Map.of(), false, LAKE)));
    }
}

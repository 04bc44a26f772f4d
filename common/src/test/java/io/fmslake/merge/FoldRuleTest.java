package io.fmslake.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fmslake.parquet.FileSummary;
import io.fmslake.row.OffsetSet;
import io.fmslake.store.StoredObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FoldRuleTest {
    private static MergeInput.StoreFile file(String key, long bytes, String offsets) {
        OffsetSet set = OffsetSet.decode(offsets);
        return new MergeInput.StoreFile(
                new StoredObject(key, bytes, Instant.EPOCH, "e-" + key), new FileSummary(set.count(), set, 0, 1, "t"));
    }

    private static List<String> keys(List<?> items) {
        return items.stream()
                .map(o -> o instanceof StoredObject s ? s.key() : o.toString())
                .toList();
    }

    @Test
    void minusRemovesEveryCoordinateOfTheSecondSet() {
        assertEquals(
                "0:0-9,20-49;1:5-6,8-9",
                FoldRule.minus(OffsetSet.decode("0:0-99;1:5-9"), OffsetSet.decode("0:10-19,50-200;1:7-7;2:0-5"))
                        .encode());
        assertEquals(
                "",
                FoldRule.minus(OffsetSet.decode("0:3-4"), OffsetSet.decode("0:0-9"))
                        .encode());
        assertEquals(
                "0:3-4",
                FoldRule.minus(OffsetSet.decode("0:3-4"), new OffsetSet()).encode());
    }

    @Test
    void aLateFileThePartsHoldIsOnlyDeleted() {
        MergeInput.StoreFile part = file("week/w-part-a", 100, "0:0-99");
        MergeInput.StoreFile late = file("minute/m", 10, "0:10-19");
        FoldRule.Outcome o = FoldRule.apply(List.of(part), List.of(late), 1000);
        assertEquals(List.of(), o.inputs());
        assertEquals(List.of("week/w-part-a"), keys(o.kept()));
        assertEquals(List.of("minute/m"), keys(o.deletes()));
    }

    @Test
    void aNewPartACrashedRunLeftInsideTheOldFileIsDeletedAndTheFoldRedone() {
        MergeInput.StoreFile base = file("hour/h", 50, "0:0-99");
        MergeInput.StoreFile crashed = file("hour/h-part-n1", 30, "0:0-49");
        MergeInput.StoreFile late = file("minute/m", 5, "0:100-109");
        FoldRule.Outcome o = FoldRule.apply(List.of(base, crashed), List.of(late), 1000);
        assertEquals(List.of("hour/h", "minute/m"), keys(o.inputs()));
        assertEquals(List.of(), o.kept());
        assertEquals(List.of("hour/h", "hour/h-part-n1", "minute/m"), keys(o.deletes()), "own files first");
    }

    @Test
    void ofTwoIdenticalFilesOnlyOneIsRead() {
        MergeInput.StoreFile a = file("day/d-part-a", 100, "0:0-99");
        MergeInput.StoreFile b = file("day/d-part-b", 100, "0:0-99");
        MergeInput.StoreFile late = file("minute/m", 5, "0:100-100");
        FoldRule.Outcome o = FoldRule.apply(List.of(a, b), List.of(late), 1000);
        assertEquals(List.of("day/d-part-b", "minute/m"), keys(o.inputs()), "the other one is redundant");
        assertEquals(
                List.of("day/d-part-a", "day/d-part-b", "minute/m"), keys(o.deletes()), "both replaced by the output");
    }

    @Test
    void aLargeWindowKeepsItsLargePartsAndRewritesOnlyTheSmallOneWithTheLateRows() {
        MergeInput.StoreFile p1 = file("week/w-part-1", 600, "0:0-99");
        MergeInput.StoreFile p2 = file("week/w-part-2", 600, "0:100-199");
        MergeInput.StoreFile small = file("week/w-part-3", 100, "0:200-209");
        MergeInput.StoreFile late = file("minute/m", 50, "0:195-199,205-219");
        FoldRule.Outcome o = FoldRule.apply(List.of(p1, p2, small), List.of(late), 1000);
        assertEquals(List.of("week/w-part-3", "minute/m"), keys(o.inputs()));
        assertEquals(List.of("week/w-part-1", "week/w-part-2"), keys(o.kept()));
        assertEquals(List.of("week/w-part-3", "minute/m"), keys(o.deletes()));
    }

    @Test
    void aSmallPartWhoseRowsTheLateFileHoldsIsOnlyDeleted() {
        MergeInput.StoreFile p1 = file("week/w-part-1", 600, "0:0-99");
        MergeInput.StoreFile small = file("week/w-part-3", 100, "0:200-209");
        MergeInput.StoreFile late = file("minute/m", 900, "0:195-219");
        FoldRule.Outcome o = FoldRule.apply(List.of(p1, small), List.of(late), 1000);
        assertEquals(List.of("minute/m"), keys(o.inputs()));
        assertEquals(List.of("week/w-part-1"), keys(o.kept()));
        assertEquals(List.of("week/w-part-3", "minute/m"), keys(o.deletes()));
    }

    @Test
    void aWindowThatFitsOneFileIsMergedWhole() {
        MergeInput.StoreFile base = file("day/d", 600, "0:0-99");
        MergeInput.StoreFile late = file("minute/m", 50, "0:100-119");
        FoldRule.Outcome o = FoldRule.apply(List.of(base), List.of(late), 1000);
        assertEquals(List.of("day/d", "minute/m"), keys(o.inputs()));
        assertEquals(List.of(), o.kept());
    }
}

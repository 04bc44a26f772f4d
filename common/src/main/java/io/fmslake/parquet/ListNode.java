package io.fmslake.parquet;

import io.fmslake.row.PackedReader;
import io.fmslake.schema.LakeType;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON array as the standard three-level LIST ({@code <name> (LIST) { repeated group list { optional element }}}):
 * a null array is null at the list's level minus one, an empty one null at the list's level, a null element null at
 * the repeated group's level. The first element repeats at the level the array was given, the others at this list's
 * own repetition level.
 */
final class ListNode extends ColumnNode {
    private final ColumnNode element;
    private final int repeat;

    ListNode(String path, LakeType.ListOf t, List<String> column, int def, int rep) {
        super(path, t, def);
        this.repeat = rep + 1;
        List<String> elementColumn = new ArrayList<>(column);
        elementColumn.add("list");
        elementColumn.add("element");
        this.element = of(t.element(), path + "[]", elementColumn, def + 2, repeat);
    }

    @Override
    void write(PackedReader in, int tag, int rep) {
        if (tag != PackedReader.LIST) {
            throw misfit(in, tag);
        }
        int n = in.count();
        if (n == 0) {
            element.writeNull(rep, def);
            return;
        }
        element.writeNext(in, rep);
        for (int i = 1; i < n; i++) {
            element.writeNext(in, repeat);
        }
    }

    @Override
    void writeNull(int rep, int level) {
        element.writeNull(rep, level);
    }

    @Override
    void collectLeaves(List<LeafNode> out) {
        element.collectLeaves(out);
    }
}

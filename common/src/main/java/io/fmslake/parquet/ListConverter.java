package io.fmslake.parquet;

import io.fmslake.schema.LakeType;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.schema.GroupType;

/** A three-level LIST group: {@code <name> (LIST) { repeated group list { element } }} as a list. */
final class ListConverter extends GroupConverter implements Converters.Sink {
    private final Converters.Sink sink;
    private final int index;
    private final GroupConverter repeated;
    private List<Object> items;
    private Object element;

    ListConverter(GroupType group, LakeType.ListOf type, Converters.Sink sink, int index) {
        this.sink = sink;
        this.index = index;
        if (group.getFieldCount() != 1
                || group.getType(0).isPrimitive()
                || group.getType(0).asGroupType().getFieldCount() != 1) {
            throw Converters.mismatch(group, type);
        }
        Converter elementConverter =
                Converters.of(group.getType(0).asGroupType().getType(0), type.element(), this, 0);
        repeated = new GroupConverter() {
            @Override
            public Converter getConverter(int fieldIndex) {
                return elementConverter;
            }

            @Override
            public void start() {
                element = null;
            }

            @Override
            public void end() {
                items.add(element);
            }
        };
    }

    @Override
    public Converter getConverter(int fieldIndex) {
        return repeated;
    }

    @Override
    public void set(int i, Object value) {
        element = value;
    }

    @Override
    public void start() {
        items = new ArrayList<>();
    }

    @Override
    public void end() {
        sink.set(index, items);
    }
}

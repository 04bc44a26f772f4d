package io.fmslake.parquet;

import io.fmslake.row.Decoded;
import io.fmslake.row.JsonObject;
import io.fmslake.row.RecordDecoder;
import io.fmslake.row.Row;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Rows from JSON text for Parquet tests. */
final class TestRows {
    static final long T0 = 1_749_727_353_123L;
    private static final RecordDecoder DECODER =
            new RecordDecoder(Optional.empty(), ZoneId.of("UTC"), 1 << 20, Optional.empty());

    private TestRows() {}

    /** Rows of partition {@code p}, offsets from {@code firstOffset}, Kafka timestamps T0 + offset. */
    static List<Row> rows(int p, long firstOffset, List<String> jsons) {
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < jsons.size(); i++) {
            long offset = firstOffset + i;
            Decoded d = DECODER.decode(
                    p,
                    offset,
                    T0 + offset,
                    ("key" + offset).getBytes(StandardCharsets.UTF_8),
                    jsons.get(i).getBytes(StandardCharsets.UTF_8));
            if (!(d instanceof Row r)) {
                throw new IllegalArgumentException("not a row: " + d);
            }
            out.add(r.withIngestTime(T0 + 1000));
        }
        return out;
    }

    /** The payload as the lake returns it: null fields dropped, recursively, fields sorted by name. */
    static Object normalized(Object v) {
        if (v instanceof JsonObject o) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < o.size(); i++) {
                if (o.value(i) != null) {
                    names.add(o.name(i));
                }
            }
            names.sort(null);
            Object[] values = new Object[names.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = normalized(o.get(names.get(i)));
            }
            return new JsonObject(names.toArray(new String[0]), values);
        }
        if (v instanceof List<?> list) {
            return Arrays.asList(list.stream().map(TestRows::normalized).toArray());
        }
        return v;
    }
}

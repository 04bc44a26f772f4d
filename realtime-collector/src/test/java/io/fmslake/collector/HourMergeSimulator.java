package io.fmslake.collector;

import io.fmslake.parquet.ParquetOptions;
import io.fmslake.parquet.RowFileReader;
import io.fmslake.parquet.StoreInputFile;
import io.fmslake.publish.EncodedFile;
import io.fmslake.publish.ParquetEncoder;
import io.fmslake.row.Row;
import io.fmslake.store.ObjectStore;
import io.fmslake.store.StoredObject;
import io.fmslake.window.Level;
import io.fmslake.window.Window;
import io.fmslake.window.WindowCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Stands in for the batch merger in tests: merges every minute file of one hour into the hour file the way the
 * merger publishes (write the target first, then delete exactly the inputs read). Rows keep their ingest time.
 */
final class HourMergeSimulator {
    private HourMergeSimulator() {}

    /** @return the minute keys merged (and deleted) */
    static List<String> merge(ObjectStore store, WindowCodec codec, Window hour, String topic) {
        if (hour.level() != Level.HOUR) {
            throw new IllegalArgumentException("not an hour: " + hour);
        }
        List<String> inputs = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        String hourKey = codec.format(hour);
        store.stat(hourKey).ifPresent(o -> {
            inputs.add(o.key());
            read(store, o, rows);
        });
        for (StoredObject o : store.list("minute/")) {
            var key = codec.parse(o.key());
            if (key.isPresent() && hour.covers(key.get().window())) {
                inputs.add(o.key());
                read(store, o, rows);
            }
        }
        rows.sort(null);
        ParquetEncoder encoder = new ParquetEncoder(ParquetOptions.defaults("SNAPPY"), topic, Optional.empty());
        EncodedFile merged = encoder.encodeRowsAsIs(rows);
        store.put(hourKey, merged.bytes());
        List<String> minutes = inputs.stream().filter(k -> !k.equals(hourKey)).toList();
        store.deleteAll(minutes);
        return minutes;
    }

    private static void read(ObjectStore store, StoredObject o, List<Row> into) {
        try (RowFileReader reader = RowFileReader.open(new StoreInputFile(store, o))) {
            for (Row r = reader.next(); r != null; r = reader.next()) {
                into.add(r);
            }
        }
    }
}

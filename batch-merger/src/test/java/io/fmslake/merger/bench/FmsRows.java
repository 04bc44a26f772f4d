package io.fmslake.merger.bench;

import io.fmslake.parquet.LocalFiles;
import io.fmslake.parquet.ParquetOptions;
import io.fmslake.parquet.RowFileWriter;
import io.fmslake.row.JsonObject;
import io.fmslake.row.Row;
import io.fmslake.schema.LakeSchema;
import io.fmslake.schema.SchemaInference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;

/** FMS-like vehicle telemetry rows (about 250 bytes of JSON, 10 top-level fields, one nested object), written as lake files. */
final class FmsRows {
    private static final String[] STATUS = {"MOVING", "IDLE", "PARKED", "MAINTENANCE"};
    private static final String[] REGIONS = {"Seoul", "Busan", "Incheon", "Daegu", "Daejeon"};
    static final String TOPIC = "fms-data";
    private static final String[] VEHICLES = new String[500];
    private static final String[] DRIVERS = new String[500];
    private static final String[] ZONES = new String[40];
    private static final String[] LOCATION_FIELDS = {"region", "zone", "odometer"};
    private static final String[] FIELDS = {
        "vehicleId", "driverId", "ts", "lat", "lon", "speed", "heading", "engineOn", "status", "location"
    };

    static {
        for (int v = 0; v < VEHICLES.length; v++) {
            VEHICLES[v] = String.format("VH-%05d", v);
            DRIVERS[v] = String.format("DR-%04d", v * 7 % 10000);
        }
        for (int z = 0; z < ZONES.length; z++) {
            ZONES[z] = "Z" + z;
        }
    }

    private final Random rnd = new Random(42);
    private long sequence;

    JsonObject payload(long ts) {
        int vehicle = rnd.nextInt(500);
        JsonObject location = new JsonObject(LOCATION_FIELDS, new Object[] {
            REGIONS[vehicle % REGIONS.length], ZONES[rnd.nextInt(40)], 100_000L + vehicle * 13L + sequence / 1000
        });
        return new JsonObject(FIELDS, new Object[] {
            VEHICLES[vehicle],
            DRIVERS[vehicle],
            ts,
            37.4 + rnd.nextDouble() * 0.3,
            126.8 + rnd.nextDouble() * 0.4,
            Math.round(rnd.nextDouble() * 1200) / 10.0,
            (long) rnd.nextInt(360),
            rnd.nextBoolean(),
            STATUS[rnd.nextInt(STATUS.length)],
            location
        });
    }

    /**
     * Writes {@code rows} rows whose event times spread evenly over [start, start + spanMillis), over three partitions
     * with increasing offsets, sorted as every lake file is.
     */
    void write(Path file, Instant start, long spanMillis, int rows, ParquetOptions options) {
        SchemaInference inference = new SchemaInference();
        inference.observe(payload(0));
        LakeSchema schema = inference.result();
        try {
            Files.createDirectories(file.getParent());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        try (RowFileWriter w = RowFileWriter.open(LocalFiles.output(file), schema, options, TOPIC)) {
            for (int i = 0; i < rows; i++) {
                long t = start.toEpochMilli() + spanMillis * i / rows;
                long s = sequence++;
                w.write(new Row(payload(t), (int) (s % 3), s / 3, t, t, VEHICLES[(int) (s % 500)], t + 800));
            }
            w.finish();
        }
    }
}

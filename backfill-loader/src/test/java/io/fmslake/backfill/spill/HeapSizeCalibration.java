package io.fmslake.backfill.spill;

import io.fmslake.row.Decoded;
import io.fmslake.row.RecordDecoder;
import io.fmslake.row.Row;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

public final class HeapSizeCalibration {
    public static void main(String[] args) {
        int n = 300_000;
        List<byte[]> values = new ArrayList<>();
        Random rnd = new Random(1);
        for (int i = 0; i < n; i++) {
            int vehicle = rnd.nextInt(500);
            String json = String.format(Locale.ROOT,
                    "{\"vehicleId\":\"VH-%05d\",\"driverId\":\"DR-%04d\",\"ts\":%d,\"lat\":%.6f,\"lon\":%.6f,"
                            + "\"speed\":%.1f,\"heading\":%d,\"engineOn\":%s,\"status\":\"%s\","
                            + "\"location\":{\"region\":\"%s\",\"zone\":\"Z%d\",\"odometer\":%d}}",
                    vehicle, vehicle * 7 % 10000, 1749727353000L + i, 37.4 + rnd.nextDouble() * 0.3, 126.8 + rnd.nextDouble() * 0.4,
                    rnd.nextDouble() * 120, rnd.nextInt(360), rnd.nextBoolean(), "MOVING",
                    "Seoul", rnd.nextInt(40), 100_000 + vehicle * 13L + i / 1000);
            values.add(json.getBytes(StandardCharsets.UTF_8));
        }
        RecordDecoder d = new RecordDecoder(Optional.empty(), ZoneId.of("UTC"), 1 << 20, Optional.empty());
        for (int round = 0; round < 4; round++) {
            once(d, values, n);
        }
    }

    static void once(RecordDecoder d, List<byte[]> values, int n) {
        System.gc();
        long before = used();
        List<Row> rows = new ArrayList<>(n);
        long est = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Decoded x = d.decode(0, i, 1749727353000L + i, null, values.get(i));
            Row r = (Row) x;
            rows.add(r);
        }
        long t1 = System.nanoTime();
        for (Row r : rows) {
            est += HeapSize.of(r);
        }
        long t2 = System.nanoTime();
        System.gc();
        long after = used();
        System.out.printf("value bytes avg %.1f; real %.1f B/row; estimate %.1f B/row; decode %.0f/s; estimate %.0f ns/row%n",
                values.stream().mapToInt(v -> v.length).average().orElse(0),
                (after - before) / (double) n, est / (double) n, n / ((t1 - t0) / 1e9), (t2 - t1) / (double) n);
        System.out.println(rows.size());
    }

    static long used() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}

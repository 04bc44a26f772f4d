package io.fmslake.bench;

import io.fmslake.parquet.FileSummary;
import io.fmslake.parquet.MemoryOutputFile;
import io.fmslake.parquet.ParquetOptions;
import io.fmslake.parquet.RowFileWriter;
import io.fmslake.row.Decoded;
import io.fmslake.row.RecordDecoder;
import io.fmslake.row.Row;
import io.fmslake.schema.LakeSchema;
import io.fmslake.schema.SchemaInference;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

/**
 * JSON to Parquet throughput on one thread, as the collector does it: decode a batch of Kafka values, infer the
 * batch schema, sort, write one Parquet file to memory. Not a test. Run (from the repository root):
 * <pre>
 * mvn -o -q -pl common test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * java -Xmx1g -XX:+UseParallelGC -cp common/target/test-classes:common/target/classes:$(cat common/target/bench.cp) \
 *      io.fmslake.bench.JsonToParquetBench [rows=1000000] [batch=100000] [codecs=SNAPPY,ZSTD] [rounds=4] [eventField=]
 * </pre>
 * The work runs on one thread; "per CPU-second" divides by that thread's CPU time (JIT and GC threads not
 * counted), the fairer figure on a shared machine.
 */
public final class JsonToParquetBench {
    private static final String[] STATUS = {"MOVING", "IDLE", "PARKED", "MAINTENANCE"};
    private static final String[] REGIONS = {"Seoul", "Busan", "Incheon", "Daegu", "Daejeon"};

    private JsonToParquetBench() {}

    public static void main(String[] args) {
        int rows = intArg(args, "rows", 1_000_000);
        int batch = intArg(args, "batch", 100_000);
        int rounds = intArg(args, "rounds", 4);
        String[] codecs = arg(args, "codecs", "SNAPPY,ZSTD").split(",");
        String eventField = arg(args, "eventField", "");
        List<byte[]> values = generate(rows, new Random(42));
        long bytesIn = values.stream().mapToLong(v -> v.length).sum();
        System.out.printf(
                Locale.ROOT,
                "%d records, %.1f bytes/record, batch %d, cpus %d%n",
                rows,
                (double) bytesIn / rows,
                batch,
                Runtime.getRuntime().availableProcessors());
        RecordDecoder decoder = new RecordDecoder(
                eventField.isEmpty() ? Optional.empty() : Optional.of(eventField),
                ZoneId.of("UTC"),
                1 << 20,
                Optional.empty());
        java.util.Map<String, double[]> best = new java.util.LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (String codec : codecs) {
                double[] r = run(round, codec, values, batch, decoder);
                best.merge(codec, r, (a, b) -> a[1] >= b[1] ? a : b);
            }
        }
        System.out.println("best round per codec (rounds after the first; the machine may be shared):");
        best.forEach((codec, r) -> System.out.printf(
                Locale.ROOT,
                "  %-12s %,9.0f rows/s wall, %,9.0f rows per CPU-second, %.1f bytes/row%n",
                codec,
                r[0],
                r[1],
                r[2]));
    }

    /** Returns {wall rows/s, rows per CPU-second, bytes per row}; round 1 (JIT warm-up) reports zeros. */
    private static double[] run(int round, String codec, List<byte[]> values, int batch, RecordDecoder decoder) {
        ParquetOptions options = ParquetOptions.defaults(codec);
        long decodeNs = 0;
        long inferNs = 0;
        long writeNs = 0;
        long fileBytes = 0;
        long written = 0;
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        for (int from = 0; from < values.size(); from += batch) {
            int to = Math.min(values.size(), from + batch);
            long a = System.nanoTime();
            List<Row> rows = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                Decoded d = decoder.decode(i % 3, i, 1_749_727_353_000L + i, null, values.get(i));
                if (d instanceof Row r) {
                    rows.add(r);
                }
            }
            long b = System.nanoTime();
            LakeSchema schema = SchemaInference.of(rows);
            Collections.sort(rows);
            long c = System.nanoTime();
            MemoryOutputFile out = new MemoryOutputFile();
            try (RowFileWriter w = RowFileWriter.open(out, schema, options, "fms")) {
                for (Row r : rows) {
                    w.write(r);
                }
                FileSummary s = w.finish();
                written += s.rows();
            }
            long d = System.nanoTime();
            fileBytes += out.size();
            decodeNs += b - a;
            inferNs += c - b;
            writeNs += d - c;
        }
        double total = (System.nanoTime() - t0) / 1e9;
        double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
        Runtime rt = Runtime.getRuntime();
        System.out.printf(
                Locale.ROOT,
                "round %d %-12s %,9.0f rows/s end-to-end (%,9.0f per CPU-second) | decode %,9.0f/s infer+sort %,10.0f/s write %,9.0f/s"
                        + " | %,d rows -> %,d bytes (%.1f B/row) | heap used %d MiB of %d MiB%n",
                round,
                codec,
                written / total,
                written / cpu,
                written / (decodeNs / 1e9),
                written / (inferNs / 1e9),
                written / (writeNs / 1e9),
                written,
                fileBytes,
                (double) fileBytes / written,
                (rt.totalMemory() - rt.freeMemory()) >> 20,
                rt.maxMemory() >> 20);
        return round == 1 ? new double[3] : new double[] {written / total, written / cpu, (double) fileBytes / written};
    }

    /** FMS-like vehicle telemetry, about 250 bytes and 10 top-level fields (one nested object). */
    static List<byte[]> generate(int n, Random rnd) {
        List<byte[]> out = new ArrayList<>(n);
        long ts = 1_749_727_353_000L;
        for (int i = 0; i < n; i++) {
            int vehicle = rnd.nextInt(500);
            ts += rnd.nextInt(5);
            String json = String.format(
                    Locale.ROOT,
                    "{\"vehicleId\":\"VH-%05d\",\"driverId\":\"DR-%04d\",\"ts\":%d,\"lat\":%.6f,\"lon\":%.6f,"
                            + "\"speed\":%.1f,\"heading\":%d,\"engineOn\":%s,\"status\":\"%s\","
                            + "\"location\":{\"region\":\"%s\",\"zone\":\"Z%d\",\"odometer\":%d}}",
                    vehicle,
                    vehicle * 7 % 10000,
                    ts,
                    37.4 + rnd.nextDouble() * 0.3,
                    126.8 + rnd.nextDouble() * 0.4,
                    rnd.nextDouble() * 120,
                    rnd.nextInt(360),
                    rnd.nextBoolean(),
                    STATUS[rnd.nextInt(STATUS.length)],
                    REGIONS[vehicle % REGIONS.length],
                    rnd.nextInt(40),
                    100_000 + vehicle * 13L + i / 1000);
            out.add(json.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String arg(String[] args, String name, String dflt) {
        for (String a : args) {
            if (a.startsWith(name + "=")) {
                return a.substring(name.length() + 1);
            }
        }
        return dflt;
    }

    private static int intArg(String[] args, String name, int dflt) {
        return Integer.parseInt(arg(args, name, Integer.toString(dflt)));
    }
}

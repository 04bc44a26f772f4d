package io.fmslake.merger;

import io.fmslake.merge.CrashPoint;
import io.fmslake.parquet.MemoryOutputFile;
import io.fmslake.parquet.ParquetOptions;
import io.fmslake.parquet.RowFileWriter;
import io.fmslake.row.JsonObject;
import io.fmslake.row.Row;
import io.fmslake.schema.SchemaInference;
import io.fmslake.store.ObjectStore;
import io.fmslake.store.ObjectStores;
import io.fmslake.store.StoredObject;
import io.fmslake.testkit.S3Endpoint;
import io.fmslake.testkit.TempDirs;
import io.fmslake.window.Level;
import io.fmslake.window.WindowCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

/** A bucket of its own on the embedded S3 server, with helpers to write lake files, run the merger and read back. */
final class LakeFixture implements AutoCloseable {
    static final String TOPIC = "fms-data";
    final String bucket;
    final ObjectStore store;
    final WindowCodec codec = new WindowCodec(ZoneId.of("UTC"), DayOfWeek.SUNDAY);
    private final S3Endpoint s3;
    private final Path tmp;
    private final String topic;
    private String output = "";

    LakeFixture(S3Endpoint s3, String hint) {
        this(s3, hint, TOPIC);
    }

    /** A lake for {@code topic}: its files carry that topic and the merger is configured for it. */
    LakeFixture(S3Endpoint s3, String hint, String topic) {
        this.s3 = s3;
        this.topic = topic;
        this.bucket = S3Endpoint.uniqueBucket(hint);
        this.store = s3.store(bucket);
        try {
            this.tmp = Files.createTempDirectory("merger-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The merger's environment for this bucket; Kafka is only reached by {@code verify}. */
    Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BROKERS", "127.0.0.1:9");
        env.put("KAFKA_TOPIC", topic);
        env.put("MINIO_ENDPOINT", s3.endpoint());
        env.put("MINIO_ACCESS_KEY", s3.accessKey());
        env.put("MINIO_SECRET_KEY", s3.secretKey());
        env.put("MINIO_BUCKET", bucket);
        env.put("TIMEZONE", "UTC");
        env.put("MERGE_TMP_DIR", tmp.resolve("merge").toString());
        env.put("LEASE_TTL", "4s");
        env.put("LEASE_WAIT", "60s");
        return env;
    }

    /** Runs the merger's command line in this JVM; returns the exit code, {@link #output()} holds stdout. */
    int run(Map<String, String> env, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int code = Cli.build(() -> new MergerContext(
                        MergerSettings.fromEnv(env),
                        s -> ObjectStores.open(s.lake().store()),
                        Clock.systemUTC(),
                        CrashPoint.Hook.NONE,
                        out))
                .execute(args);
        output = bytes.toString(StandardCharsets.UTF_8);
        return code;
    }

    int run(String... args) {
        return run(env(), args);
    }

    String output() {
        return output;
    }

    static JsonObject fms(long o) {
        return new JsonObject(new String[] {"alerts", "position", "speed", "vehicle_id"}, new Object[] {
            o % 5 == 0 ? List.of() : List.of("a" + o % 3, "overspeed"),
            new JsonObject(
                    new String[] {"lat", "lon"}, new Object[] {37.0 + o % 100 / 1000.0, 127.0 + o % 50 / 1000.0}),
            (double) (o % 130),
            "V-" + (o % 17)
        });
    }

    /** Writes one lake file of partition {@code p}, offsets [from, to), event times from {@code start} every {@code step} ms. */
    List<Row> write(
            String key, int p, long from, long to, Instant start, long stepMillis, LongFunction<JsonObject> payload) {
        List<Row> rows = new ArrayList<>();
        for (long o = from; o < to; o++) {
            long t = start.toEpochMilli() + (o - from) * stepMillis;
            rows.add(new Row(payload.apply(o), p, o, t, t, "key-" + o, t + 500));
        }
        rows.sort(null);
        MemoryOutputFile out = new MemoryOutputFile();
        try (RowFileWriter w =
                RowFileWriter.open(out, SchemaInference.of(rows), ParquetOptions.defaults("ZSTD"), topic)) {
            for (Row r : rows) {
                w.write(r);
            }
            w.finish();
        }
        store.put(key, out.toByteArray());
        return rows;
    }

    List<Row> write(String key, int p, long from, long to, Instant start, long stepMillis) {
        return write(key, p, from, to, start, stepMillis, LakeFixture::fms);
    }

    /** The minute file key of an instant (the base name, or with a suffix). */
    String minuteKey(Instant t, String suffix) {
        String base = codec.format(codec.windowOf(Level.MINUTE, t));
        return suffix == null ? base : base.replace(".parquet", "-" + suffix + ".parquet");
    }

    /** Every key of the four tiers, sorted. */
    List<String> tierKeys() {
        List<String> keys = new ArrayList<>();
        for (Level l : Level.values()) {
            store.list(l.folder() + "/").stream().map(StoredObject::key).forEach(keys::add);
        }
        return keys;
    }

    /** The lease objects in the bucket (held, or left by a killed run), sorted. */
    List<String> leaseKeys() {
        return store.list("_lease/").stream().map(StoredObject::key).sorted().toList();
    }

    /** Every key under {@code errors/}, sorted. */
    List<String> errorKeys() {
        return store.list("errors/").stream().map(StoredObject::key).sorted().toList();
    }

    /** Downloads every tier file and runs {@code sql} with {@code LAKE} replaced by a read_parquet over them. */
    List<List<Object>> query(String sql) {
        return query(sql, tierKeys());
    }

    /** Downloads the objects and runs {@code sql} with {@code LAKE} replaced by a read_parquet over them. */
    List<List<Object>> query(String sql, List<String> keys) {
        Path dir = tmp.resolve("read-" + System.nanoTime());
        try {
            Files.createDirectories(dir);
            List<String> paths = new ArrayList<>();
            for (String key : keys) {
                Path local = dir.resolve(key.replace('/', '_'));
                store.download(key, local);
                paths.add("'" + local + "'");
            }
            String lake = "read_parquet([" + String.join(",", paths) + "], union_by_name = true)";
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery(sql.replace("LAKE", lake))) {
                List<List<Object>> rows = new ArrayList<>();
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= n; i++) {
                        row.add(rs.getObject(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {rows, distinct (partition, offset)} over the whole lake, read by DuckDB. */
    long[] counts() {
        List<Object> r = query("SELECT count(*), count(DISTINCT (_kafka_partition, _kafka_offset)) FROM LAKE")
                .get(0);
        return new long[] {((Number) r.get(0)).longValue(), ((Number) r.get(1)).longValue()};
    }

    static String keys(List<String> keys) {
        return keys.stream().collect(Collectors.joining("\n"));
    }

    @Override
    public void close() {
        store.close();
        TempDirs.deleteQuietly(tmp);
    }
}

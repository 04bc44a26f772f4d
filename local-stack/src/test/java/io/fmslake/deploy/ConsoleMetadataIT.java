package io.fmslake.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.parquet.FileSummary;
import io.fmslake.parquet.LakeFileMetadata;
import io.fmslake.status.JobStatus;
import io.fmslake.store.ObjectStore;
import io.fmslake.store.StoredObject;
import io.fmslake.store.UserMetadata;
import io.fmslake.testkit.DuckDb;
import io.fmslake.testkit.EmbeddedKafka;
import io.fmslake.testkit.EmbeddedS3;
import io.fmslake.testkit.JvmProcess;
import io.fmslake.testkit.KafkaBroker;
import io.fmslake.testkit.LakeEnv;
import io.fmslake.testkit.Ports;
import io.fmslake.testkit.S3Endpoint;
import io.fmslake.testkit.S3Heads;
import io.fmslake.testkit.TestProducer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the MinIO console shows: the services as their images run them ({@code java -jar}, on the embedded Kafka and
 * S3 servers) write a history (backfill), live minutes (collector, with dead letters) and merge two hours (merger,
 * one of them in parts). A HEAD by a client of the test's own reads every object's S3 user metadata: each data file's
 * equals what its footer says (read by DuckDB) plus the writing service and its jar's version; a status object's
 * equals its JSON; every other object carries the writer. Then the lake is counted by Kafka coordinates.
 */
class ConsoleMetadataIT {
    private static final Duration DEADLINE = Duration.ofSeconds(180);
    private static final int HISTORY = 200;
    private static final int SMALL_HOUR = 40;
    private static final int BIG_HOUR = 1500;
    private static final int LIVE_DEAD = 3;

    @TempDir
    Path tmp;

    private final Path repo = RepoFiles.root();
    private final S3Endpoint s3 = EmbeddedS3.shared();
    private final String topic = S3Endpoint.uniqueBucket("console");

    @Test
    void everyObjectCarriesWhatItsFooterSaysAndItsWriter() throws Exception {
        KafkaBroker kafka = EmbeddedKafka.shared();
        kafka.createTopic(topic, 2);
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        produce(kafka, hour.minus(Duration.ofHours(4)).plusSeconds(600), HISTORY, 0, 40);
        Map<String, String> env = LakeEnv.of(kafka, topic, s3, topic);
        env.put("COLLECTOR_GROUP_ID", topic + "-collector");
        env.put("WINDOW_GRACE", "1s");
        Map<String, String> backfill = new TreeMap<>(env);
        backfill.put("KAFKA_GROUP_ID", topic + "-backfill");
        backfill.put("BACKFILL_SPILL_DIR", tmp.resolve("spill").toString()); // not the shared default
        try (JvmProcess p = JvmProcess.ofJar(jar("backfill-loader"))
                .jvmArgs("-Xmx384m")
                .env(backfill)
                .start()) {
            assertEquals(0, p.awaitExit(DEADLINE), p.output());
        }
        Map<String, String> collector = new TreeMap<>(env);
        collector.put("KAFKA_GROUP_ID", topic + "-collector");
        collector.put("HTTP_PORT", Integer.toString(Ports.free()));
        collector.put("FLUSH_IDLE", "0s");
        try (ObjectStore store = s3.store(topic);
                JvmProcess c = JvmProcess.ofJar(jar("realtime-collector"))
                        .jvmArgs("-Xmx256m")
                        .env(collector)
                        .start()) {
            produce(kafka, hour.minus(Duration.ofHours(2)).plusSeconds(600), BIG_HOUR, 200, 0);
            produce(
                    kafka,
                    hour.minus(Duration.ofHours(1)).plusSeconds(600),
                    SMALL_HOUR + LIVE_DEAD,
                    0,
                    (SMALL_HOUR + LIVE_DEAD) / LIVE_DEAD);
            awaitRows(store, BIG_HOUR + SMALL_HOUR + LIVE_DEAD, c);
            List<StoredObject> minutes = files(store, "minute/");
            checkAll(store, minutes, "realtime-collector");
            checkAll(store, files(store, "errors/"), null); // the collector's and the backfill's

            Map<String, String> merger = new TreeMap<>(env);
            merger.put("KAFKA_GROUP_ID", topic + "-merger");
            merger.put("MERGE_TMP_DIR", tmp.toString());
            merger.put("TARGET_FILE_BYTES", "64KiB");
            try (JvmProcess m = JvmProcess.ofJar(jar("batch-merger"))
                    .jvmArgs("-Xmx256m")
                    .env(merger)
                    .args("hour")
                    .start()) {
                assertEquals(0, m.awaitExit(DEADLINE), m.output());
            }
            c.terminate();
            assertEquals(0, c.awaitExit(Duration.ofSeconds(60)), c.output());

            Map<String, String> writers = writers(store);
            long backfillTargets = writers.entrySet().stream()
                    .filter(e -> e.getValue().equals("backfill-loader")
                            && (e.getKey().startsWith("hour/") || e.getKey().startsWith("day/")))
                    .count();
            long merged = writers.entrySet().stream()
                    .filter(e ->
                            e.getValue().equals("batch-merger") && e.getKey().startsWith("hour/"))
                    .count();
            assertTrue(backfillTargets >= 1, "the backfill wrote a target: " + writers);
            assertTrue(merged >= 3, "the merger wrote the small hour and the big one in parts: " + writers);
            assertTrue(minutes.size() >= 2, "the collector wrote minutes: " + minutes);
            List<StoredObject> lake = new ArrayList<>(files(store, "hour/"));
            lake.addAll(files(store, "day/"));
            lake.addAll(files(store, "minute/"));
            checkAll(store, lake, null);
            checkAll(store, files(store, "errors/"), null);
            checkStatus(store);
            assertEquals(HISTORY + BIG_HOUR + SMALL_HOUR + LIVE_DEAD, countOnce(store), "by Kafka coordinates");
            Map<String, Long> perWriter = new TreeMap<>();
            writers.values().forEach(w -> perWriter.merge(w, 1L, Long::sum));
            System.out.printf(
                    "ConsoleMetadataIT: %d objects checked, by writer %s; %d minute files before the merge%n",
                    writers.size(), perWriter, minutes.size());
        }
    }

    /** Values: JSON, or text that is not JSON at every {@code deadEvery}-th record; random text of {@code pad}. */
    private void produce(KafkaBroker kafka, Instant from, int n, int pad, int deadEvery) {
        Random random = new Random(n);
        try (TestProducer producer = kafka.producer()) {
            for (int i = 0; i < n; i++) {
                StringBuilder text = new StringBuilder();
                random.ints(pad, 'a', 'z' + 1).forEach(ch -> text.append((char) ch));
                String value = deadEvery > 0 && i % deadEvery == deadEvery - 1
                        ? "not json " + i
                        : "{\"device\":\"d" + i % 7 + "\",\"text\":\"" + text + "\"}";
                producer.send(topic, i % 2, from.toEpochMilli() + i * 100L, value);
            }
            producer.flush();
        }
    }

    /** Waits until the collector's minutes and dead letters hold {@code rows} rows (footers read by DuckDB). */
    private void awaitRows(ObjectStore store, long rows, JvmProcess c) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        long seen = -1;
        while (System.nanoTime() < deadline) {
            List<StoredObject> found = new ArrayList<>(files(store, "minute/"));
            found.addAll(files(store, "errors/"));
            seen = 0;
            for (StoredObject o : found) {
                seen += writer(o).equals("realtime-collector")
                        ? summary(store, o).rows()
                        : 0;
            }
            if (seen == rows) {
                return;
            }
            assertTrue(c.alive(), c.output());
            Thread.sleep(500);
        }
        throw new AssertionError("the collector wrote " + seen + " of " + rows + " rows\n" + c.output());
    }

    /** Each data file's metadata equals its footer's summary plus its writer (one of the services if null). */
    private void checkAll(ObjectStore store, List<StoredObject> files, String service) throws IOException {
        assertTrue(!files.isEmpty(), "files to check");
        for (StoredObject o : files) {
            Map<String, String> head = S3Heads.userMetadata(s3, topic, o.key());
            FileSummary footer = summary(store, o);
            String writer = service != null ? service : head.get(UserMetadata.SERVICE);
            // every dead letter here is not JSON; a file the merger rolled up has no reasons (it reads no rows)
            boolean reasons = o.key().startsWith("errors/") && !writer.equals("batch-merger");
            UserMetadata expected = reasons
                    ? LakeFileMetadata.ofDeadLetters(footer, Collections.nCopies((int) footer.rows(), "not_json"))
                    : LakeFileMetadata.of(footer);
            expected = expected.with(UserMetadata.writer(writer, version(writer)));
            assertEquals(new TreeMap<>(expected.entries()), head, o.key());
        }
    }

    private void checkStatus(ObjectStore store) throws IOException {
        List<StoredObject> statuses = store.list(JobStatus.PREFIX).stream()
                .filter(o -> o.key().endsWith(".json"))
                .toList();
        assertTrue(statuses.size() >= 2, "backfill and merge-hour: " + statuses);
        for (StoredObject o : statuses) {
            try (InputStream in = store.open(o.key())) {
                JobStatus status = JobStatus.parse(in.readAllBytes());
                assertEquals(new TreeMap<>(status.metadata().entries()), S3Heads.userMetadata(s3, topic, o.key()));
                assertEquals(version(status.service()), status.version());
            }
        }
    }

    /** The writer of every object in the bucket, checking that each names a service and that service's version. */
    private Map<String, String> writers(ObjectStore store) {
        Map<String, String> out = new TreeMap<>();
        for (StoredObject o : store.list("")) {
            Map<String, String> head = S3Heads.userMetadata(s3, topic, o.key());
            String service = head.getOrDefault(UserMetadata.SERVICE, "(none)");
            assertTrue(
                    Set.of("realtime-collector", "batch-merger", "backfill-loader")
                            .contains(service),
                    o.key() + " " + head);
            assertEquals(version(service), head.get(UserMetadata.VERSION), o.key());
            out.put(o.key(), service);
        }
        return out;
    }

    /**
     * The lake files under a prefix: the embedded S3 server lists an upload in progress under a temporary name
     * ({@code <key>-<uuid>}), which is not one.
     */
    private static List<StoredObject> files(ObjectStore store, String prefix) {
        return store.list(prefix).stream()
                .filter(o -> o.key().endsWith(".parquet"))
                .toList();
    }

    private String writer(StoredObject o) {
        return S3Heads.userMetadata(s3, topic, o.key()).getOrDefault(UserMetadata.SERVICE, "");
    }

    /** The footer's summary, read by DuckDB from a downloaded copy. */
    private FileSummary summary(ObjectStore store, StoredObject o) {
        Path local = tmp.resolve("heads").resolve(o.key());
        store.download(o.key(), local);
        try (DuckDb db = DuckDb.open()) {
            return FileSummary.fromFooter(db.footer(local));
        }
    }

    /** Rows and dead letters in the lake, each Kafka coordinate exactly once; the count of coordinates. */
    private long countOnce(ObjectStore store) throws IOException {
        List<StoredObject> found = new ArrayList<>(files(store, "hour/"));
        found.addAll(files(store, "day/"));
        found.addAll(files(store, "minute/"));
        found.addAll(files(store, "errors/"));
        Set<String> seen = new HashSet<>();
        try (DuckDb db = DuckDb.open()) {
            for (StoredObject o : found) {
                Path local = Files.createDirectories(tmp.resolve("count")).resolve(Integer.toString(seen.size()));
                store.download(o.key(), local);
                for (Map<String, Object> r :
                        db.query("SELECT _kafka_partition p, _kafka_offset o FROM " + DuckDb.parquet(local))) {
                    assertTrue(seen.add(r.get("p") + ":" + r.get("o")), "twice: " + r + " in " + o.key());
                }
                Files.delete(local);
            }
        }
        return seen.size();
    }

    private Path jar(String module) {
        return repo.resolve(module).resolve("target").resolve(module + ".jar");
    }

    /** The Implementation-Version of a service's jar. */
    private String version(String service) {
        try (JarFile jar = new JarFile(jar(service).toFile())) {
            return jar.getManifest().getMainAttributes().getValue("Implementation-Version");
        } catch (IOException e) {
            throw new AssertionError("no jar for " + service, e);
        }
    }
}

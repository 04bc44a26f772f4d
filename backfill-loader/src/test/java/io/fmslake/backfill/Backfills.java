package io.fmslake.backfill;

import io.fmslake.backfill.tier.TierRouter;
import io.fmslake.parquet.ParquetOptions;
import io.fmslake.publish.LakeProbe;
import io.fmslake.publish.MinutePublisher;
import io.fmslake.publish.OffsetsReader;
import io.fmslake.publish.ParquetEncoder;
import io.fmslake.publish.UploadListener;
import io.fmslake.row.Decoded;
import io.fmslake.row.RecordDecoder;
import io.fmslake.row.Row;
import io.fmslake.store.ObjectStore;
import io.fmslake.store.ObjectStores;
import io.fmslake.testkit.EmbeddedKafka;
import io.fmslake.testkit.EmbeddedS3;
import io.fmslake.testkit.LakeEnv;
import io.fmslake.window.Level;
import io.fmslake.window.Window;
import io.fmslake.window.WindowCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Test plumbing: an environment on the shared embedded servers, in-process runs, and a collector stand-in. */
final class Backfills {
    static final WindowCodec UTC = new WindowCodec(ZoneId.of("UTC"), DayOfWeek.SUNDAY);
    static final Duration GRACE = Duration.ofSeconds(20);

    private Backfills() {}

    /** A fresh topic name and bucket on the shared servers, with a small buffer budget (several runs per window). */
    static Map<String, String> env(EmbeddedKafka kafka, EmbeddedS3 s3, String topic) {
        String bucket = "bf-" + UUID.randomUUID().toString().substring(0, 12);
        Map<String, String> env = LakeEnv.of(kafka, topic, s3, bucket);
        env.put("BACKFILL_BUFFER_BYTES", "4MiB");
        env.put("BACKFILL_WORKERS", "2");
        env.put("PROGRESS_INTERVAL", "1s");
        env.put("LEASE_TTL", "6s");
        env.put("HANDOVER_WAIT", "60s");
        try {
            env.put(
                    "BACKFILL_SPILL_DIR",
                    Files.createTempDirectory("backfill-spill-").toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return env;
    }

    /** An hour boundary plus 30 minutes, a day ago: no window closes while a test runs. */
    static Instant now() {
        return Instant.now()
                .minus(Duration.ofDays(1))
                .truncatedTo(java.time.temporal.ChronoUnit.HOURS)
                .plus(Duration.ofMinutes(30));
    }

    static BackfillSettings settings(Map<String, String> env) {
        return BackfillSettings.fromEnv(env, Runtime.getRuntime().maxMemory(), 2);
    }

    /** One backfill run in this JVM, choosing tiers as at {@code now} (then running on). */
    static Summary run(Map<String, String> env, Instant now, boolean fromEarliest) throws InterruptedException {
        Clock tiers = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), now));
        try (Wiring w =
                Wiring.open(settings(env), ObjectStores::open, Clock.systemUTC(), null, TestHooks.from(Map.of()))) {
            return w.run(fromEarliest, tiers);
        }
    }

    static ObjectStore store(Map<String, String> env) {
        return ObjectStores.open(settings(env).lake().store());
    }

    static TierRouter router(Instant now) {
        return new TierRouter(UTC, GRACE, now);
    }

    /**
     * Writes the first {@code count} records of a partition into minute files as the collector does (its
     * publisher, per event-time minute), to stand for a collector that ran before: the backfill must fold them in
     * without duplicates.
     */
    static int writeAsCollector(EmbeddedKafka kafka, String topic, int partition, int count, ObjectStore store) {
        RecordDecoder decoder = new RecordDecoder(Optional.empty(), ZoneId.of("UTC"), 1 << 20, Optional.empty());
        Map<Window, List<Row>> byMinute = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers",
                kafka.bootstrapServers(),
                "key.deserializer",
                "org.apache.kafka.common.serialization.ByteArrayDeserializer",
                "value.deserializer",
                "org.apache.kafka.common.serialization.ByteArrayDeserializer"))) {
            TopicPartition tp = new TopicPartition(topic, partition);
            consumer.assign(List.of(tp));
            consumer.seek(tp, 0);
            int seen = 0;
            while (seen < count) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (seen++ >= count) {
                        break;
                    }
                    Decoded d = decoder.decode(r.partition(), r.offset(), r.timestamp(), r.key(), r.value());
                    if (d instanceof Row row) {
                        byMinute.computeIfAbsent(UTC.windowOf(Level.MINUTE, row.eventTime()), w -> new ArrayList<>())
                                .add(row);
                    }
                }
            }
        }
        MinutePublisher publisher = new MinutePublisher(
                store,
                UTC,
                new LakeProbe(store, UTC, OffsetsReader.footers()),
                new ParquetEncoder(ParquetOptions.defaults("ZSTD"), topic, Optional.empty()),
                Clock.systemUTC(),
                UploadListener.NONE);
        byMinute.forEach(publisher::publishRows);
        return byMinute.size();
    }

    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

package io.fmslake.merger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.merge.LeaseKeys;
import io.fmslake.merge.LeaseTerms;
import io.fmslake.merge.MergeLease;
import io.fmslake.merge.Ticker;
import io.fmslake.status.JobStatus;
import io.fmslake.store.ObjectStore;
import io.fmslake.testkit.EmbeddedKafka;
import io.fmslake.testkit.EmbeddedS3;
import io.fmslake.testkit.KafkaBroker;
import io.fmslake.testkit.S3Endpoint;
import io.fmslake.testkit.TestProducer;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The merger's runs and {@code verify} record their status in {@code _lake/status/} on the embedded S3 server:
 * success with what was merged, a failure with its exit status while keeping the last success, verify's counts; and
 * a server that refuses those writes changes nothing about the runs.
 */
class RunStatusIT {
    private static final Instant H10 = Instant.parse("2025-06-12T10:00:00Z");

    @Test
    void aMergeRecordsWhatItDidAndAFailedRunKeepsTheLastSuccess() {
        try (LakeFixture lake = new LakeFixture(EmbeddedS3.shared(), "run-status")) {
            lake.write("minute/20250612_1000.parquet", 0, 0, 100, H10, 100);
            lake.write("minute/20250612_1001.parquet", 0, 100, 250, H10.plusSeconds(60), 100);
            Instant before = Instant.now();
            assertEquals(0, lake.run("hour", "--now", "2025-06-12T11:01:00Z"), lake.output());

            JobStatus ok = read(lake.store, JobStatus.MERGE_HOUR);
            assertEquals(JobStatus.Outcome.SUCCESS, ok.outcome());
            assertEquals(OptionalInt.of(0), ok.exitCode());
            assertEquals("batch-merger", ok.service());
            assertTrue(!ok.started().isBefore(before.minusSeconds(1)), ok.started() + " vs " + before);
            assertEquals(ok.finished(), ok.lastSuccess());
            assertEquals(OptionalDouble.of(1), ok.number("windows"));
            assertEquals(OptionalDouble.of(250), ok.number("rows"));
            assertEquals(OptionalDouble.of(2), ok.number("files_deleted"));
            assertTrue(ok.number("lease_wait_seconds").orElseThrow() >= 0);
            assertEquals(OptionalDouble.of(0), ok.number("lake", "minute", "files"));
            assertEquals(OptionalDouble.of(1), ok.number("lake", "hour", "files"));
            long hourBytes =
                    lake.store.stat("hour/20250612_10_11.parquet").orElseThrow().size();
            assertEquals(OptionalDouble.of(hourBytes), ok.number("lake", "hour", "bytes"));
            assertEquals(OptionalDouble.of(hourBytes), ok.number("bytes_written"));

            // a merger of an earlier version holds the bucket-wide lease (it overlaps every window): this run gives up
            // at once (exit 1) and says so
            lake.write("minute/20250612_1100.parquet", 0, 250, 300, H10.plusSeconds(3600), 100);
            try (MergeLease held = MergeLease.acquire(
                    lake.store,
                    new LeaseTerms(LeaseKeys.LEGACY, Duration.ofMinutes(1), Duration.ZERO, Duration.ofMillis(100)),
                    "someone-else",
                    Clock.systemUTC(),
                    Ticker.SYSTEM,
                    d -> Thread.sleep(d.toMillis()))) {
                Map<String, String> env = lake.env();
                env.put("LEASE_WAIT", "0s");
                assertEquals(1, lake.run(env, "hour", "--now", "2025-06-12T12:01:00Z"), lake.output());
            }
            JobStatus failed = read(lake.store, JobStatus.MERGE_HOUR);
            assertEquals(JobStatus.Outcome.FAILED, failed.outcome());
            assertEquals(OptionalInt.of(1), failed.exitCode());
            assertTrue(
                    failed.error().contains("someone-else")
                            || failed.error().toLowerCase().contains("lease"),
                    failed.error());
            assertEquals(ok.lastSuccess(), failed.lastSuccess(), "the last success is carried over");
            assertEquals(OptionalDouble.of(0), failed.number("windows"));
            assertEquals(OptionalDouble.of(1), failed.number("lake", "minute", "files"));

            assertEquals(0, lake.run("day", "--now", "2025-06-13T00:05:00Z"), lake.output());
            assertEquals(
                    JobStatus.Outcome.SUCCESS,
                    read(lake.store, JobStatus.MERGE_DAY).outcome());
            assertEquals(
                    JobStatus.Outcome.FAILED,
                    read(lake.store, JobStatus.MERGE_HOUR).outcome(),
                    "each level has its own object");
        }
    }

    @Test
    void verifyRecordsItsCountsAndFailsOnAMismatch() throws Exception {
        KafkaBroker kafka = EmbeddedKafka.shared();
        String topic = S3Endpoint.uniqueBucket("verify-status");
        String group = topic + "-collector";
        kafka.createTopic(topic, 1);
        try (TestProducer producer = kafka.producer()) {
            for (int i = 0; i < 200; i++) {
                producer.send(topic, 0, H10.toEpochMilli() + i, "{\"i\":" + i + "}");
            }
            producer.flush();
        }
        try (Admin admin = kafka.admin()) {
            admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(200)))
                    .all()
                    .get();
        }
        try (LakeFixture lake = new LakeFixture(EmbeddedS3.shared(), "verify-status", topic)) {
            Map<String, String> env = lake.env();
            env.put("KAFKA_BROKERS", kafka.bootstrapServers());
            env.put("COLLECTOR_GROUP_ID", group);
            lake.write("minute/20250612_1000.parquet", 0, 0, 150, H10, 100);
            lake.write("minute/20250612_1001-p0o140.parquet", 0, 140, 160, H10.plusSeconds(60), 100);
            assertEquals(1, lake.run(env, "verify"), lake.output());
            JobStatus mismatch = read(lake.store, JobStatus.VERIFY);
            assertEquals(JobStatus.Outcome.FAILED, mismatch.outcome());
            assertEquals(OptionalInt.of(1), mismatch.exitCode());
            assertEquals(OptionalDouble.of(200), mismatch.number("expected"));
            assertEquals(OptionalDouble.of(40), mismatch.number("missing"));
            assertEquals(OptionalDouble.of(10), mismatch.number("duplicated"));
            assertEquals(OptionalDouble.of(0), mismatch.number("retention_gap_records"));
            assertEquals("the lake disagrees with Kafka: missing 40, duplicated 10", mismatch.error());
            assertEquals(Optional.empty(), mismatch.lastSuccess());

            lake.store.delete("minute/20250612_1001-p0o140.parquet");
            lake.write("minute/20250612_1001.parquet", 0, 150, 200, H10.plusSeconds(60), 100);
            assertEquals(0, lake.run(env, "verify"), lake.output());
            JobStatus clean = read(lake.store, JobStatus.VERIFY);
            assertEquals(JobStatus.Outcome.SUCCESS, clean.outcome());
            assertEquals(OptionalDouble.of(0), clean.number("missing"));
            assertEquals(OptionalDouble.of(0), clean.number("duplicated"));
        }
    }

    @Test
    void aServerThatRefusesStatusWritesChangesNothingAboutTheRuns() {
        StatusWritesRefused[] refusing = new StatusWritesRefused[1];
        try (EmbeddedS3 s3 = EmbeddedS3.startNew(b -> refusing[0] = new StatusWritesRefused(b));
                LakeFixture lake = new LakeFixture(s3, "status-refused")) {
            lake.write("minute/20250612_1000.parquet", 0, 0, 100, H10, 100);
            assertEquals(0, lake.run("hour", "--now", "2025-06-12T11:01:00Z"), lake.output());
            assertEquals(1, lake.store.list("hour/").size());
            assertEquals(0, lake.store.list("minute/").size());
            assertTrue(refusing[0].refused() >= 1, "the status write was attempted and refused");
            assertEquals(0, lake.store.list(JobStatus.PREFIX).size());
        }
    }

    private static JobStatus read(ObjectStore store, String job) {
        try (InputStream in = store.open(JobStatus.key(job))) {
            return JobStatus.parse(in.readAllBytes());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}

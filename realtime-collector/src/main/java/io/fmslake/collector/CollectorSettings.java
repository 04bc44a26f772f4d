package io.fmslake.collector;

import io.fmslake.config.EnvReader;
import io.fmslake.config.LakeSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the realtime collector is configured with: the shared {@link LakeSettings} plus its own extras, all
 * read from environment variables at start. {@link #fromEnv} reports every invalid value at once.
 *
 * @param lake              the settings every service shares
 * @param startOffset       where the group starts on its very first start (no committed offset anywhere, no group
 *                          marker, an empty lake); never used again after that (see consume.StartDecider)
 * @param bufferMaxBytes    cap on the estimated in-memory size of buffered records; consumption pauses at the cap
 * @param httpPort          port of /healthz, /readyz and /metrics (0: any free port, logged)
 * @param shutdownTimeout   how long SIGTERM may take to flush and commit
 * @param maxPollRecords    records per poll
 * @param sessionTimeout    Kafka session timeout: how soon the group notices a dead replica
 * @param flushIdle         a closed minute is written once it received nothing for this long
 * @param lateFlushInterval late records of a minute already written are batched into at most one file per interval
 * @param decodeThreads     threads decoding records (the poll thread included)
 * @param flushThreads      threads encoding and uploading minute files concurrently
 * @param partitionDiscoveryInterval how often the consumer refreshes topic metadata, i.e. how soon partitions
 *                          added to the topic are noticed (Kafka's metadata.max.age.ms)
 * @param storeUploadTimeout bound on one whole store call of the collector (an upload of one minute file, a read):
 *                          uploads must end inside the membership lease, so it is checked against the session
 * @param jobStatusInterval how often the status objects of the merger, verify and the backfill
 *                          ({@code _lake/status/}) are read and exported as metrics
 * @param crashPoint        test hook FMS_TEST_CRASH_POINT: halt the JVM at that point (see docs/contract.md)
 */
public record CollectorSettings(
        LakeSettings lake,
        StartOffset startOffset,
        long bufferMaxBytes,
        int httpPort,
        Duration shutdownTimeout,
        int maxPollRecords,
        Duration sessionTimeout,
        Duration flushIdle,
        Duration lateFlushInterval,
        int decodeThreads,
        int flushThreads,
        Duration partitionDiscoveryInterval,
        Duration storeUploadTimeout,
        Duration jobStatusInterval,
        Optional<String> crashPoint) {

    public static final String DEFAULT_GROUP_ID = "fms-realtime-collector";
    /** Kafka's max.poll.interval.ms (not overridden): a rebalance waits this long for a member to rejoin. */
    static final Duration REBALANCE_TIMEOUT = Duration.ofMinutes(5);

    /**
     * Where the group starts on its very first start on the topic (the backfill hand-over). Later starts never use
     * it: committed offsets, the group marker and the lake decide.
     */
    public enum StartOffset {
        EARLIEST,
        LATEST
    }

    public static CollectorSettings read(EnvReader env) {
        LakeSettings lake = LakeSettings.read(env, DEFAULT_GROUP_ID);
        StartOffset start = env.choice("START_OFFSET", StartOffset.class, StartOffset.LATEST);
        long cap = env.bytes("BUFFER_MAX_BYTES", 128L << 20, 1L << 20, 64L << 30);
        int port = env.integer("HTTP_PORT", 8080, 0, 65535);
        Duration shutdown =
                env.duration("SHUTDOWN_TIMEOUT", Duration.ofSeconds(25), Duration.ofSeconds(1), Duration.ofMinutes(10));
        int maxPoll = env.integer("MAX_POLL_RECORDS", 5000, 1, 1_000_000);
        Duration session = env.duration(
                "KAFKA_SESSION_TIMEOUT", Duration.ofSeconds(45), Duration.ofSeconds(6), Duration.ofMinutes(30));
        Duration idle = env.duration("FLUSH_IDLE", Duration.ofSeconds(1), Duration.ZERO, Duration.ofMinutes(10));
        Duration late = env.duration("LATE_FLUSH_INTERVAL", Duration.ofMinutes(1), Duration.ZERO, Duration.ofHours(1));
        int cores = Runtime.getRuntime().availableProcessors();
        int decode = env.integer("DECODE_THREADS", Math.max(1, Math.min(cores, 4)), 1, 64);
        int flush = env.integer("FLUSH_THREADS", Math.max(1, Math.min(cores, 2)), 1, 16);
        Duration discovery = env.duration(
                "PARTITION_DISCOVERY_INTERVAL", Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMinutes(30));
        Duration upload = env.duration(
                "STORE_UPLOAD_TIMEOUT", defaultUploadTimeout(session), Duration.ofMillis(500), Duration.ofMinutes(10));
        Duration room = maxUploadTimeout(session);
        env.check(
                upload.compareTo(room) <= 0,
                "STORE_UPLOAD_TIMEOUT",
                upload.toString(),
                "an upload must end inside "
                        + "the membership lease with room for a missed renewal: at most KAFKA_SESSION_TIMEOUT (capped at "
                        + REBALANCE_TIMEOUT.dividedBy(2).toSeconds() + " s) - 1 s - 2 renewal intervals = "
                        + room.toMillis()
                        + " ms for KAFKA_SESSION_TIMEOUT=" + session);
        Duration jobStatus =
                env.duration("JOB_STATUS_INTERVAL", Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofHours(1));
        Optional<String> crash = env.optional("FMS_TEST_CRASH_POINT");
        crash.ifPresent(c -> env.check(CrashPoints.valid(c), "FMS_TEST_CRASH_POINT", c, CrashPoints.RULE));
        return new CollectorSettings(
                lake, start, cap, port, shutdown, maxPoll, session, idle, late, decode, flush, discovery, upload,
                jobStatus, crash);
    }

    /** STORE_UPLOAD_TIMEOUT's default: a third of the session, at most 20 s. */
    static Duration defaultUploadTimeout(Duration session) {
        Duration third = session.dividedBy(3);
        return third.compareTo(Duration.ofSeconds(20)) > 0 ? Duration.ofSeconds(20) : third;
    }

    /** The longest STORE_UPLOAD_TIMEOUT the lease leaves room for (see {@link #leaseSpan()}). */
    static Duration maxUploadTimeout(Duration session) {
        Duration renewEvery = session.dividedBy(5).compareTo(Duration.ofSeconds(5)) > 0
                ? Duration.ofSeconds(5)
                : session.dividedBy(5);
        return span(session).minusSeconds(1).minus(renewEvery.multipliedBy(2));
    }

    private static Duration span(Duration session) {
        Duration cap = REBALANCE_TIMEOUT.dividedBy(2);
        return session.compareTo(cap) > 0 ? cap : session;
    }

    /**
     * How long after a confirmed contact the group surely still counts this replica a member: the session timeout,
     * capped at half the rebalance timeout (a rebalance removes members that do not rejoin within it).
     */
    public Duration leaseSpan() {
        return span(sessionTimeout);
    }

    /** The store settings of the collector: every whole call bounded by STORE_UPLOAD_TIMEOUT. */
    public io.fmslake.config.StoreSettings store() {
        return lake.store().withCallTimeout(storeUploadTimeout);
    }

    public static CollectorSettings fromEnv(Map<String, String> env) {
        EnvReader reader = new EnvReader(env);
        CollectorSettings s = read(reader);
        reader.throwIfInvalid();
        return s;
    }

    /** One {@code NAME=value} line per effective setting, secrets masked, for the start-up log. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>(lake.describe());
        lines.add("START_OFFSET=" + startOffset.name().toLowerCase(java.util.Locale.ROOT));
        lines.add("BUFFER_MAX_BYTES=" + bufferMaxBytes);
        lines.add("HTTP_PORT=" + httpPort);
        lines.add("SHUTDOWN_TIMEOUT=" + shutdownTimeout);
        lines.add("MAX_POLL_RECORDS=" + maxPollRecords);
        lines.add("KAFKA_SESSION_TIMEOUT=" + sessionTimeout);
        lines.add("FLUSH_IDLE=" + flushIdle);
        lines.add("LATE_FLUSH_INTERVAL=" + lateFlushInterval);
        lines.add("DECODE_THREADS=" + decodeThreads);
        lines.add("FLUSH_THREADS=" + flushThreads);
        lines.add("PARTITION_DISCOVERY_INTERVAL=" + partitionDiscoveryInterval);
        lines.add("STORE_UPLOAD_TIMEOUT=" + storeUploadTimeout + " (membership lease " + leaseSpan() + ")");
        lines.add("JOB_STATUS_INTERVAL=" + jobStatusInterval);
        crashPoint.ifPresent(c -> lines.add("FMS_TEST_CRASH_POINT=" + c + " (TEST HOOK: the JVM halts there)"));
        return lines;
    }
}

package io.fmslake.merger;

import io.fmslake.config.ConfigException;
import io.fmslake.config.KafkaSettings;
import io.fmslake.deadletter.ExpiredDeadLetters;
import io.fmslake.kafka.KafkaClients;
import io.fmslake.kafka.Offsets;
import io.fmslake.publish.LakeCoordinates;
import io.fmslake.publish.OffsetsReader;
import io.fmslake.publish.RetentionGap;
import io.fmslake.row.OffsetSet;
import io.fmslake.status.JobStatus;
import io.fmslake.status.StatusRecorder;
import io.fmslake.store.ObjectStore;
import io.fmslake.window.WindowCodec;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;

/** {@code verify}: Kafka's records below the collector's committed offsets versus the lake's footers. */
@Command(
        mixinStandardHelpOptions = true,
        description = {
            "Check that the lake holds every Kafka record exactly once.",
            "Reconciles Kafka (earliest offset up to the committed offset of COLLECTOR_GROUP_ID, per partition) with the",
            "Kafka coordinates recorded in the footers of every lake file (tiers and errors/). Prints missing and duplicated",
            "counts; exit status 1 when either is not zero. Partitions without a committed offset are reported and skipped.",
            "Offsets Kafka never hands out (transaction markers, compacted records) would count as missing.",
            "Dead letters the merger expired (DEAD_LETTER_RETENTION, recorded under _lake/expired/) count as 'expired dead",
            "letters', not as missing.",
            "Retention gaps the collector recorded under _lake/gaps/ (offsets Kafka deleted before it read them) are printed",
            "as 'lost to retention' per partition; they lie outside the checked range and do not change the exit status.",
            "Records its outcome and counts in _lake/status/verify.json (exported by the collector as fms_verify_* metrics;",
            "with a read-only MinIO user that write is refused and logged, and the check itself is unaffected)."
        })
final class VerifyCommand implements Callable<Integer> {
    private final Supplier<MergerContext> context;

    VerifyCommand(Supplier<MergerContext> context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        try (MergerContext ctx = context.get()) {
            StatusRecorder status = ctx.recorder(JobStatus.VERIFY);
            Instant started = ctx.clock().instant();
            try {
                MergerSettings s = ctx.settings();
                ObjectStore store = ctx.store(); // first: a failure to reach Kafka is then recorded in the bucket
                Map<Integer, long[]> ranges = kafkaRanges(s.lake().kafka(), s.collectorGroupId(), ctx.out());
                Reconciliation.Report report = Reconciliation.reconcile(
                        ranges, lakeOffsets(store, ctx.codec()), RetentionGap.list(store), expired(store));
                print(report, s.collectorGroupId(), ctx.out());
                int code = report.clean() ? Cli.OK : Cli.FAILURE;
                status.finished(
                        started,
                        code,
                        report.clean()
                                ? ""
                                : "the lake disagrees with Kafka: missing " + report.missing() + ", duplicated "
                                        + report.duplicates(),
                        details(report, ranges));
                return code;
            } catch (RuntimeException e) {
                status.finished(
                        started,
                        e instanceof ConfigException ? Cli.USAGE : Cli.FAILURE,
                        StatusRecorder.oneLine(e),
                        Map.of());
                throw e;
            }
        }
    }

    private static Map<String, Object> details(Reconciliation.Report r, Map<Integer, long[]> ranges) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("expected", r.expected());
        d.put("missing", r.missing());
        d.put("duplicated", r.duplicates());
        d.put("lake_coordinates", r.lakeCoordinates());
        d.put("partitions_checked", ranges.size());
        d.put("retention_gaps", r.gaps().size());
        d.put("retention_gap_records", r.lostToRetention());
        d.put("expired_dead_letters", r.expired());
        Map<String, Object> missing = new LinkedHashMap<>();
        r.partitions().stream()
                .filter(p -> p.missing() != 0)
                .forEach(p -> missing.put(Integer.toString(p.partition()), p.missing()));
        d.put("missing_by_partition", missing);
        return d;
    }

    /** The offset set of every lake file (tiers and dead letters), from the footers. */
    static List<OffsetSet> lakeOffsets(ObjectStore store, WindowCodec codec) {
        return LakeCoordinates.read(store, codec, OffsetsReader.footers()).files();
    }

    /** The coordinates of every dead-letter file the merger expired ({@code _lake/expired/}). */
    static OffsetSet expired(ObjectStore store) {
        OffsetSet all = new OffsetSet();
        ExpiredDeadLetters.list(store).forEach(e -> all.addAll(e.coordinates()));
        return all;
    }

    static Map<Integer, long[]> kafkaRanges(KafkaSettings kafka, String group, PrintStream out) {
        try (Admin admin = Admin.create(KafkaClients.admin(kafka, Map.of()))) {
            Offsets offsets = new Offsets(admin, Duration.ofSeconds(30));
            Map<Integer, Long> first = offsets.beginning(kafka.topic());
            Map<Integer, Long> committed = offsets.committed(group, kafka.topic());
            Map<Integer, long[]> ranges = new TreeMap<>();
            for (Map.Entry<Integer, Long> e : first.entrySet()) {
                Long c = committed.get(e.getKey());
                if (c == null) {
                    out.printf("partition %d: group %s has no committed offset; skipped%n", e.getKey(), group);
                } else {
                    ranges.put(e.getKey(), new long[] {e.getValue(), c});
                }
            }
            return ranges;
        }
    }

    static void print(Reconciliation.Report r, String group, PrintStream out) {
        for (Reconciliation.PartitionReport p : r.partitions()) {
            out.printf(
                    "partition %d: offsets [%d, %d) of group %s: expected %d, present %d, missing %d%s%n",
                    p.partition(),
                    p.from(),
                    p.to(),
                    group,
                    p.expected(),
                    p.present(),
                    p.missing(),
                    p.expired() == 0 ? "" : ", expired dead letters " + p.expired());
        }
        out.printf(
                "expected %d, missing %d, duplicated %d, lake coordinates %d: %s%n",
                r.expected(), r.missing(), r.duplicates(), r.lakeCoordinates(), r.clean() ? "OK" : "MISMATCH");
        if (r.expired() > 0) {
            out.printf(
                    "expired dead letters %d: deleted by DEAD_LETTER_RETENTION (recorded under %s); Kafka still "
                            + "holds them, they are not missing%n",
                    r.expired(), ExpiredDeadLetters.PREFIX);
        }
        for (Reconciliation.GapReport g : r.gaps()) {
            out.printf(
                    "partition %d: lost to retention [%d, %d): %d offsets, %d not in the lake "
                            + "(%s, recorded %s, %s)%n",
                    g.gap().partition(),
                    g.gap().from(),
                    g.gap().to(),
                    g.gap().offsets(),
                    g.lost(),
                    g.gap().key(),
                    g.gap().recorded(),
                    g.gap().by());
        }
        if (!r.gaps().isEmpty()) {
            out.printf(
                    "lost to retention %d in %d gap(s): deleted by Kafka before the collector read them; "
                            + "not part of the check above%n",
                    r.lostToRetention(), r.gaps().size());
        }
    }
}

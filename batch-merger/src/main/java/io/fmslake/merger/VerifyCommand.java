package io.fmslake.merger;

import io.fmslake.commit.LakeCoordinates;
import io.fmslake.commit.OffsetsReader;
import io.fmslake.commit.RetentionGap;
import io.fmslake.config.KafkaSettings;
import io.fmslake.row.OffsetSet;
import io.fmslake.store.ObjectStore;
import io.fmslake.window.WindowCodec;
import java.io.PrintStream;
import io.fmslake.kafka.KafkaClients;
import io.fmslake.kafka.Offsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;

/** {@code verify}: Kafka's records below the collector's committed offsets versus the lake's footers. */
@Command(mixinStandardHelpOptions = true, description = {
    "Check that the lake holds every Kafka record exactly once.",
    "Reconciles Kafka (earliest offset up to the committed offset of COLLECTOR_GROUP_ID, per partition) with the",
    "Kafka coordinates recorded in the footers of every lake file (tiers and errors/). Prints missing and duplicated",
    "counts; exit status 1 when either is not zero. Partitions without a committed offset are reported and skipped.",
    "Offsets Kafka never hands out (transaction markers, compacted records) would count as missing.",
    "Retention gaps the collector recorded under _lake/gaps/ (offsets Kafka deleted before it read them) are printed",
    "as 'lost to retention' per partition; they lie outside the checked range and do not change the exit status."})
final class VerifyCommand implements Callable<Integer> {
    private final Supplier<MergerContext> context;

    VerifyCommand(Supplier<MergerContext> context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        try (MergerContext ctx = context.get()) {
            MergerSettings s = ctx.settings();
            Map<Integer, long[]> ranges = kafkaRanges(s.lake().kafka(), s.collectorGroupId(), ctx.out());
            Reconciliation.Report report = Reconciliation.reconcile(ranges, lakeOffsets(ctx.store(), ctx.codec()),
                    RetentionGap.list(ctx.store()));
            print(report, s.collectorGroupId(), ctx.out());
            return report.clean() ? Cli.OK : Cli.FAILURE;
        }
    }

    /** The offset set of every lake file (tiers and dead letters), from the footers. */
    static List<OffsetSet> lakeOffsets(ObjectStore store, WindowCodec codec) {
        return LakeCoordinates.read(store, codec, OffsetsReader.footers()).files();
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
            out.printf("partition %d: offsets [%d, %d) of group %s: expected %d, present %d, missing %d%n",
                    p.partition(), p.from(), p.to(), group, p.expected(), p.present(), p.missing());
        }
        out.printf("expected %d, missing %d, duplicated %d, lake coordinates %d: %s%n", r.expected(), r.missing(),
                r.duplicates(), r.lakeCoordinates(), r.clean() ? "OK" : "MISMATCH");
        for (Reconciliation.GapReport g : r.gaps()) {
            out.printf("partition %d: lost to retention [%d, %d): %d offsets, %d not in the lake "
                    + "(%s, recorded %s, %s)%n",
                    g.gap().partition(), g.gap().from(), g.gap().to(), g.gap().offsets(), g.lost(), g.gap().key(),
                    g.gap().recorded(), g.gap().by());
        }
        if (!r.gaps().isEmpty()) {
            out.printf("lost to retention %d in %d gap(s): deleted by Kafka before the collector read them; "
                    + "not part of the check above%n", r.lostToRetention(), r.gaps().size());
        }
    }
}

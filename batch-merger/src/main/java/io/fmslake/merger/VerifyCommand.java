package io.fmslake.merger;

import io.fmslake.config.KafkaSettings;
import io.fmslake.parquet.FileFooter;
import io.fmslake.parquet.StoreInputFile;
import io.fmslake.row.OffsetSet;
import io.fmslake.store.ObjectStore;
import io.fmslake.store.StoredObject;
import io.fmslake.window.LakeKey;
import java.io.PrintStream;
import java.util.ArrayList;
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
    "Offsets Kafka never hands out (transaction markers, compacted records) would count as missing."})
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
            Reconciliation.Report report = Reconciliation.reconcile(ranges, lakeOffsets(ctx.store()));
            print(report, s.collectorGroupId(), ctx.out());
            return report.clean() ? Cli.OK : Cli.FAILURE;
        }
    }

    static List<OffsetSet> lakeOffsets(ObjectStore store) {
        List<OffsetSet> sets = new ArrayList<>();
        for (String folder : new String[] {"minute", "hour", "day", "week", LakeKey.ERRORS}) {
            for (StoredObject o : store.list(folder + "/")) {
                if (o.key().endsWith(LakeKey.EXTENSION)) {
                    sets.add(FileFooter.read(new StoreInputFile(store, o)).summary().offsets());
                }
            }
        }
        return sets;
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
    }
}

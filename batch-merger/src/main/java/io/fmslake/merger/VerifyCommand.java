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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;

/** {@code verify}: Kafka's records below the collector's committed offsets versus the lake's footers. */
@Command(mixinStandardHelpOptions = true, description = {
    "Reconcile Kafka (earliest offset up to the committed offset of COLLECTOR_GROUP_ID, per partition) with the",
    "Kafka coordinates recorded in the footers of every lake file (tiers and errors/). Prints missing and duplicated",
    "counts; exit status 1 when either is not zero. Partitions without a committed offset are reported and skipped."})
final class VerifyCommand implements Callable<Integer> {
    private final Supplier<MergerContext> context;

    VerifyCommand(Supplier<MergerContext> context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        MergerContext ctx = context.get();
        try {
            MergerSettings s = ctx.settings();
            Map<Integer, long[]> ranges = kafkaRanges(s.lake().kafka(), s.collectorGroupId(), ctx.out());
            Reconciliation.Report report = Reconciliation.reconcile(ranges, lakeOffsets(ctx.store()));
            print(report, s.collectorGroupId(), ctx.out());
            return report.clean() ? Cli.OK : Cli.FAILURE;
        } finally {
            ctx.close();
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
        try (Admin admin = Admin.create(new HashMap<>(kafka.clientProperties()))) {
            List<TopicPartition> partitions = admin.describeTopics(List.of(kafka.topic())).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(kafka.topic()).partitions().stream()
                    .map(p -> new TopicPartition(kafka.topic(), p.partition())).toList();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            partitions.forEach(tp -> earliest.put(tp, OffsetSpec.earliest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> first = admin.listOffsets(earliest).all()
                    .get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            Map<Integer, long[]> ranges = new HashMap<>();
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata c = committed.get(tp);
                if (c == null) {
                    out.printf("partition %d: group %s has no committed offset; skipped%n", tp.partition(), group);
                } else {
                    ranges.put(tp.partition(), new long[] {first.get(tp).offset(), c.offset()});
                }
            }
            return ranges;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read offsets from Kafka: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading offsets from Kafka", e);
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

package io.fmslake.bench;

import io.fmslake.store.ObjectStore;
import io.fmslake.testkit.KafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The steps of {@link ScaleBench}, in order, each measured by a {@link StepMeter}. */
final class Flow {
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(60);
    private static final String COLLECTOR_GROUP = "fms-realtime-collector";

    private final ScaleArgs a;
    private final Traffic traffic;
    private final ObjectStore store;
    private final Map<String, S3Requests> proxies;
    private final Pods pods;
    private final List<ServiceJvm> all;
    private final List<StepMeter.Result> results = new ArrayList<>();
    private final List<ServiceJvm> collectors = new ArrayList<>();
    private final Offsets offsets;

    Flow(
            ScaleArgs a,
            Traffic traffic,
            KafkaBroker kafka,
            ObjectStore store,
            Map<String, S3Requests> proxies,
            Pods pods,
            List<ServiceJvm> all) {
        this.a = a;
        this.traffic = traffic;
        this.store = store;
        this.proxies = proxies;
        this.pods = pods;
        this.all = all;
        this.offsets = new Offsets(kafka);
    }

    boolean run(Instant end, LocalDate weekStart, Instant mergeNow) {
        StepMeter history = step("1 history into Kafka");
        long bytes = traffic.history(a.records(), end, Duration.ofDays(a.days()));
        System.out.printf(
                Locale.ROOT,
                "%,d records, %.0f bytes of JSON each on average, event times over %d days up to "
                        + "%s; WEEK_START %s; merges as of %s%n",
                a.records(),
                bytes / (double) a.records(),
                a.days(),
                end,
                weekStart.getDayOfWeek(),
                mergeNow);
        results.add(history.end(a.records()));

        StepMeter backfill = step("2 backfill (" + a.pods() + " pods)");
        List<ServiceJvm> loaders = started(pods.backfill(backfill));
        Pods.awaitSuccess(loaders, STEP_TIMEOUT);
        results.add(backfill.end(a.records()));

        StepMeter live = step("3 collectors live");
        Set<String> minutesBefore = keys("minute/");
        collectors.addAll(started(pods.collectors(live)));
        long liveRecords = traffic.live(a.liveRate(), a.liveSeconds());
        offsets.awaitCommitted(COLLECTOR_GROUP, Duration.ofMinutes(10), collectors);
        results.add(live.end(liveRecords));
        printMinuteFiles(minutesBefore);

        merges("r1", mergeNow);

        StepMeter late = step("7 late rows");
        Instant lateMinute = weekStart.plusDays(1).atTime(10, 17).toInstant(ZoneOffset.UTC);
        traffic.late(a.late(), lateMinute);
        offsets.awaitCommitted(COLLECTOR_GROUP, Duration.ofMinutes(10), collectors);
        System.out.printf(
                Locale.ROOT,
                "%,d records of event time %s (inside the merged week) written by the " + "collectors as: %s%n",
                a.late(),
                lateMinute,
                store.list("minute/" + minuteName(lateMinute)).stream()
                        .map(o -> o.key() + " (" + o.size() + " B)")
                        .toList());
        results.add(late.end(a.late()));

        long weekParts = store.list("week/").size();
        merges("r2", mergeNow);
        System.out.printf(
                Locale.ROOT,
                "week files before the fold %d, after %d; late minute files left: %d%n",
                weekParts,
                store.list("week/").size(),
                store.list("minute/" + minuteName(lateMinute)).size());

        StepMeter stop = step("11 collectors stop");
        collectors.forEach(ServiceJvm::terminate);
        Pods.awaitSuccess(collectors, Duration.ofMinutes(2));
        results.add(stop.end(0));

        StepMeter verify = step("12 verify");
        ServiceJvm v = started(List.of(pods.verify(verify))).get(0);
        int exit = v.awaitExit(STEP_TIMEOUT);
        long[] counts = ScaleBench.verifyCounts(read(v));
        long produced = a.records() + liveRecords + a.late();
        results.add(verify.end(counts[0]));
        System.out.printf(
                Locale.ROOT,
                "verify: exit %d, expected %,d (produced %,d), missing %,d, duplicated %,d%n",
                exit,
                counts[0],
                produced,
                counts[1],
                counts[2]);
        System.out.print(ScaleBench.summary(results));
        boolean budgets = results.stream().allMatch(StepMeter.Result::withinBudgets);
        boolean ok = exit == 0 && counts[0] == produced && counts[1] == 0 && counts[2] == 0 && budgets;
        System.out.println(
                ok
                        ? "scale benchmark OK: 0 missing, 0 duplicated, every budget kept"
                        : "scale benchmark FAILED: " + (budgets ? "verify disagrees" : "a budget was exceeded"));
        return ok;
    }

    /** Hour, day and week catch-ups, one Indexed Job of {@code mergeShards} pods each, one after the other. */
    private void merges(String round, Instant now) {
        int n = results.size() + 1;
        for (String level : List.of("hour", "day", "week")) {
            StepMeter m = step(n++ + " merge " + level + " " + round);
            List<ServiceJvm> shards = started(pods.merge("merge-" + level + "-" + round, level, now, m));
            Pods.awaitSuccess(shards, STEP_TIMEOUT);
            results.add(m.end(Pods.mergedRows(shards)));
        }
    }

    /** Files per minute the collectors wrote: parts written early under memory pressure, one per replica at least. */
    private void printMinuteFiles(Set<String> before) {
        Map<String, Integer> perMinute = new TreeMap<>();
        keys("minute/").stream()
                .filter(k -> !before.contains(k))
                .forEach(k -> perMinute.merge(k.substring(7, 20), 1, Integer::sum));
        List<Integer> counts = new ArrayList<>(perMinute.values());
        counts.sort(null);
        if (!counts.isEmpty()) {
            System.out.printf(
                    Locale.ROOT,
                    "collectors' minute files: %d in %d minutes; per minute min %d, median %d, " + "max %d%n",
                    counts.stream().mapToInt(Integer::intValue).sum(),
                    counts.size(),
                    counts.get(0),
                    counts.get(counts.size() / 2),
                    counts.get(counts.size() - 1));
        }
    }

    private Set<String> keys(String prefix) {
        Set<String> keys = new HashSet<>();
        store.list(prefix).forEach(o -> keys.add(o.key()));
        return keys;
    }

    private StepMeter step(String name) {
        return new StepMeter(
                name,
                store,
                proxies,
                collectors.stream().filter(ServiceJvm::alive).toList());
    }

    private List<ServiceJvm> started(List<ServiceJvm> jvms) {
        all.addAll(jvms);
        return jvms;
    }

    private static String minuteName(Instant minute) {
        return minute.atZone(ZoneOffset.UTC)
                .toLocalDateTime()
                .toString()
                .replace("-", "")
                .replace("T", "_")
                .replace(":", "")
                .substring(0, 13);
    }

    private static String read(ServiceJvm v) {
        try {
            return Files.readString(v.log());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

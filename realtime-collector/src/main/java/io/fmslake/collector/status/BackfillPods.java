package io.fmslake.collector.status;

import io.fmslake.status.JobStatus;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The backfill as the {@code fms_backfill_*} gauges show it. One pod records {@code backfill.json}; each pod of an
 * Indexed Job records {@code backfill-<index>.json}. The pods' objects count as one run: records done and planned
 * summed, the oldest last progress (the pod that moved on least recently), finished only when every pod has. Where
 * both kinds exist, the run that started last is shown (a single-pod run after an indexed one, or the reverse).
 */
final class BackfillPods {
    private static final Pattern POD =
            Pattern.compile(Pattern.quote(JobStatus.PREFIX + JobStatus.BACKFILL) + "-\\d+\\.json");

    private BackfillPods() {}

    /** Whether {@code key} is the status object of one pod of an Indexed backfill. */
    static boolean isPod(String key) {
        return POD.matcher(key).matches();
    }

    /** The status to show: {@code single}, or the pods' run as one status, whichever started last. */
    static Optional<JobStatus> shown(Optional<JobStatus> single, List<JobStatus> pods) {
        if (pods.isEmpty()) {
            return single;
        }
        Instant podsStarted = pods.stream()
                .map(JobStatus::started)
                .max(Comparator.naturalOrder())
                .orElseThrow();
        if (single.isPresent() && single.get().started().isAfter(podsStarted)) {
            return single;
        }
        return Optional.of(combined(pods));
    }

    private static JobStatus combined(List<JobStatus> pods) {
        boolean allFinished = pods.stream().allMatch(p -> p.number("finished").orElse(0) == 1);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("records_done", sum(pods, "records_done"));
        d.put("records_total", sum(pods, "records_total"));
        pods.stream()
                .map(p -> p.instant("last_progress"))
                .flatMap(Optional::stream)
                .min(Comparator.naturalOrder())
                .ifPresent(t -> d.put("last_progress", t.toString()));
        d.put("finished", allFinished);
        d.put("pods", pods.size());
        JobStatus first = pods.get(0);
        Instant started = pods.stream()
                .map(JobStatus::started)
                .min(Comparator.naturalOrder())
                .orElseThrow();
        boolean ended = pods.stream().allMatch(p -> p.finished().isPresent());
        Optional<Instant> finished = ended
                ? pods.stream().map(p -> p.finished().orElseThrow()).max(Comparator.naturalOrder())
                : Optional.empty();
        JobStatus.Outcome outcome = pods.stream().anyMatch(p -> p.outcome() == JobStatus.Outcome.FAILED)
                ? JobStatus.Outcome.FAILED
                : ended ? JobStatus.Outcome.SUCCESS : JobStatus.Outcome.RUNNING;
        String error = pods.stream()
                .map(JobStatus::error)
                .filter(e -> !e.isEmpty())
                .findFirst()
                .orElse("");
        OptionalInt exit = ended
                ? OptionalInt.of(pods.stream()
                        .mapToInt(p -> p.exitCode().orElse(0))
                        .max()
                        .orElse(0))
                : OptionalInt.empty();
        return new JobStatus(
                JobStatus.BACKFILL,
                first.service(),
                first.version(),
                pods.size() + " pods",
                started,
                finished,
                outcome,
                exit,
                error,
                Optional.empty(),
                d);
    }

    private static long sum(List<JobStatus> pods, String name) {
        return pods.stream().mapToLong(p -> (long) p.number(name).orElse(0)).sum();
    }
}

package io.fmslake.collector.status;

import io.fmslake.collector.metrics.JobStatusGauges;
import io.fmslake.status.JobStatus;
import io.fmslake.store.MissingObjectException;
import io.fmslake.store.ObjectStore;
import io.fmslake.store.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the status objects of the merger, {@code verify} and the backfill ({@code _lake/status/*.json}) every
 * {@code JOB_STATUS_INTERVAL} and sets {@link JobStatusGauges} from them: one LIST plus one GET per object present.
 * The pods of an Indexed backfill ({@code backfill-<index>.json}) are shown as one run ({@link BackfillPods}).
 * When the bucket does not answer, the gauges keep their last values (the store's own metrics tell that it is down);
 * an object that is not a job status counts as absent. Runs on a daemon thread of its own.
 */
public final class JobStatusPoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobStatusPoller.class);

    private final ObjectStore store;
    private final JobStatusGauges gauges;
    private final Duration interval;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "job-status");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean failing;

    public JobStatusPoller(ObjectStore store, JobStatusGauges gauges, Duration interval) {
        this.store = store;
        this.gauges = gauges;
        this.interval = interval;
    }

    // the task catches and logs its own failures, so its Future has nothing to report; close() ends the timer
    @SuppressWarnings("FutureReturnValueIgnored")
    public JobStatusPoller start() {
        timer.scheduleWithFixedDelay(this::poll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** One read of every status object; never throws. */
    public void poll() {
        try {
            Set<String> present =
                    store.list(JobStatus.PREFIX).stream().map(StoredObject::key).collect(Collectors.toSet());
            Map<String, JobStatus> byJob = new LinkedHashMap<>();
            for (String job : JobStatus.JOBS) {
                if (present.contains(JobStatus.key(job))) {
                    read(JobStatus.key(job)).ifPresent(s -> byJob.put(job, s));
                }
            }
            List<JobStatus> pods = present.stream()
                    .filter(BackfillPods::isPod)
                    .sorted()
                    .map(this::read)
                    .flatMap(Optional::stream)
                    .toList();
            BackfillPods.shown(Optional.ofNullable(byJob.remove(JobStatus.BACKFILL)), pods)
                    .ifPresent(s -> byJob.put(JobStatus.BACKFILL, s));
            gauges.update(byJob);
            if (failing) {
                LOG.info("job status objects under {} readable again", JobStatus.PREFIX);
            }
            failing = false;
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn(
                        "cannot read the job status objects under {} (the fms_merge_*, fms_verify_*, fms_backfill_* "
                                + "and fms_lake_* gauges keep their last values): {}",
                        JobStatus.PREFIX,
                        e.toString());
            }
            failing = true;
        }
    }

    private Optional<JobStatus> read(String key) {
        try (InputStream in = store.open(key)) {
            return Optional.of(JobStatus.parse(in.readAllBytes()));
        } catch (MissingObjectException e) {
            return Optional.empty(); // deleted since the listing
        } catch (IllegalArgumentException e) {
            LOG.warn("{} is not a job status; ignored: {}", key, e.getMessage());
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

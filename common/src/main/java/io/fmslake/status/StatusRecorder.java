package io.fmslake.status;

import io.fmslake.store.MissingObjectException;
import io.fmslake.store.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one job's {@link JobStatus} to the bucket (a plain put of {@code _lake/status/<job>.json}, overwritten by
 * every run). Never throws: a status that cannot be written (store down, a policy without write permission) is a WARN
 * and the run goes on as if it had been written. Thread-safe.
 */
public final class StatusRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(StatusRecorder.class);
    private static final int MAX_ERROR = 300;

    private final Supplier<Optional<ObjectStore>> store;
    private final String job;
    private final Identity who;
    private final Clock clock;
    private Optional<Instant> lastSuccess;

    /**
     * @param store the bucket, or empty when it could not be opened (then nothing is written)
     * @param job   one of {@link JobStatus#JOBS}
     */
    public StatusRecorder(Supplier<Optional<ObjectStore>> store, String job, Identity who, Clock clock) {
        this.store = store;
        this.job = job;
        this.who = who;
        this.clock = clock;
    }

    public String job() {
        return job;
    }

    /** Records a run that is still going (the backfill, every progress interval). */
    public synchronized void running(Instant started, Map<String, Object> details) {
        write(new JobStatus(
                job,
                who.service(),
                who.version(),
                who.host(),
                started,
                Optional.empty(),
                JobStatus.Outcome.RUNNING,
                OptionalInt.empty(),
                "",
                previousSuccess(),
                details));
    }

    /** Records a run that ended with {@code exitCode} (0: success); {@code error} says why it failed. */
    public synchronized void finished(Instant started, int exitCode, String error, Map<String, Object> details) {
        Instant now = clock.instant();
        boolean ok = exitCode == 0;
        Optional<Instant> success = ok ? Optional.of(now) : previousSuccess();
        write(new JobStatus(
                job,
                who.service(),
                who.version(),
                who.host(),
                started,
                Optional.of(now),
                ok ? JobStatus.Outcome.SUCCESS : JobStatus.Outcome.FAILED,
                OptionalInt.of(exitCode),
                ok ? "" : oneLine(error),
                success,
                details));
        if (ok) {
            lastSuccess = success;
        }
    }

    /** A throwable as one line: its type and message, at most 300 characters. */
    public static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage();
        return oneLine(e.getClass().getSimpleName() + message);
    }

    static String oneLine(String text) {
        String line = text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " | ");
        return line.length() <= MAX_ERROR ? line : line.substring(0, MAX_ERROR - 3) + "...";
    }

    /** The previous object's last success, read once (a failed run keeps it; the object is overwritten). */
    private Optional<Instant> previousSuccess() {
        if (lastSuccess == null) {
            lastSuccess = openStore().flatMap(this::readLastSuccess);
        }
        return lastSuccess;
    }

    private Optional<Instant> readLastSuccess(ObjectStore s) {
        try (InputStream in = s.open(JobStatus.key(job))) {
            return JobStatus.parse(in.readAllBytes()).lastSuccess();
        } catch (MissingObjectException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.warn(
                    "could not read the previous status {} (its last success is not carried over): {}",
                    JobStatus.key(job),
                    e.toString());
            return Optional.empty();
        }
    }

    private Optional<ObjectStore> openStore() {
        try {
            return store.get();
        } catch (RuntimeException e) {
            LOG.warn("the object store is not available for the status {}: {}", JobStatus.key(job), e.toString());
            return Optional.empty();
        }
    }

    private void write(JobStatus status) {
        Optional<ObjectStore> s = openStore();
        if (s.isEmpty()) {
            LOG.warn("status {} not recorded: no object store", status.key());
            return;
        }
        try {
            s.get().put(status.key(), status.toJson(), status.metadata());
            LOG.debug("recorded {}: {}", status.key(), status.outcome());
        } catch (RuntimeException e) {
            LOG.warn(
                    "status {} not recorded (the run is not affected; its metrics stay stale): {}",
                    status.key(),
                    e.toString());
        }
    }
}

package io.fmslake.collector.buffer;

import io.fmslake.window.Window;
import io.fmslake.window.WindowCodec;
import java.time.Duration;

/**
 * When a buffered minute is written.
 * <ul>
 *   <li>A minute is <em>closed</em> once the clock reaches its end plus the grace ({@link WindowCodec#closesAt}).
 *   <li>A closed minute is <em>due</em> once it received nothing for {@code idle} and every assigned partition
 *       has passed its end or is caught up ({@link PartitionProgress}): live, that is at once (its records stopped
 *       arriving during the grace); during a backlog it lets the consumer read past the minute in every partition
 *       before writing it, so each minute becomes one file rather than one per poll or partition.</li>
 *   <li>Late records (their minute was already written on close) are due {@code lateInterval} after the minute's
 *       previous write: at most one late file per minute and interval.</li>
 * </ul>
 */
public final class FlushRules {
    private final WindowCodec codec;
    private final long graceMillis;
    private final long idleMillis;
    private final long lateIntervalMillis;

    public FlushRules(WindowCodec codec, Duration grace, Duration idle, Duration lateInterval) {
        this.codec = codec;
        this.graceMillis = grace.toMillis();
        this.idleMillis = idle.toMillis();
        this.lateIntervalMillis = lateInterval.toMillis();
    }

    public WindowCodec codec() {
        return codec;
    }

    public boolean closed(Window minute, long nowMillis) {
        return nowMillis >= closesAtMillis(minute);
    }

    /** End of the minute plus the grace, epoch millis. */
    public long closesAtMillis(Window minute) {
        return codec.closesAt(minute).toEpochMilli() + graceMillis;
    }

    public boolean due(WindowBuffer b, long nowMillis, PartitionProgress progress) {
        if (b.late()) {
            return nowMillis >= b.lateDueMillis();
        }
        return closed(b.key().window(), nowMillis)
                && nowMillis - b.lastAppendMillis() >= idleMillis
                && (b.key().deadLetters()
                        || progress.passed(codec.closesAt(b.key().window()).toEpochMilli()));
    }

    /** When late records of a minute last written at {@code writtenMillis} are due. */
    long lateDue(long writtenMillis) {
        return writtenMillis + lateIntervalMillis;
    }
}

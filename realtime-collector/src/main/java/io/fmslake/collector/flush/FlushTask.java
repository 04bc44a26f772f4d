package io.fmslake.collector.flush;

import io.fmslake.collector.buffer.WindowBuffer;

/**
 * One buffer to write as one file.
 *
 * @param buffer the records; owned by the flush thread until the task ends
 * @param reason why it is written now: {@code closed}, {@code late}, {@code pressure}, {@code revoked} or
 *               {@code shutdown}
 * @param claim  its partitions' ownership epochs when it was taken from the buffers: a partition lost (or lost and
 *               assigned again) since then is not written from this buffer
 */
public record FlushTask(WindowBuffer buffer, String reason, Ownership.Claim claim) {}

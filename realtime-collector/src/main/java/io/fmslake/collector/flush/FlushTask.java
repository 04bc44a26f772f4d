package io.fmslake.collector.flush;

import io.fmslake.collector.buffer.WindowBuffer;

/**
 * One buffer to write as one file.
 *
 * @param buffer the records; owned by the flush thread until the task ends
 * @param reason why it is written now: {@code closed}, {@code late}, {@code pressure}, {@code revoked} or
 *               {@code shutdown}
 */
public record FlushTask(WindowBuffer buffer, String reason) {
}

package io.fmslake.publish;

import io.fmslake.parquet.FileSummary;

/**
 * A finished lake file in memory, ready to upload, and what its footer says it holds.
 *
 * @param bytes   the whole Parquet file; treat as read-only
 * @param summary the footer summary: rows, offsets, event-time range, topic
 */
public record EncodedFile(byte[] bytes, FileSummary summary) {
    public long size() {
        return bytes.length;
    }
}

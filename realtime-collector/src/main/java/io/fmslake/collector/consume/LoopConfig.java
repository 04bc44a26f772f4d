package io.fmslake.collector.consume;

import io.fmslake.collector.CollectorSettings.StartOffset;
import java.time.Duration;

/**
 * What the poll loop needs from the settings.
 *
 * @param commitMetadata text stored with every offset commit (who committed)
 */
public record LoopConfig(
        String topic,
        StartOffset startOffset,
        long bufferMaxBytes,
        Duration shutdownTimeout,
        int decodeThreads,
        long sessionTimeoutMillis,
        String commitMetadata) {}

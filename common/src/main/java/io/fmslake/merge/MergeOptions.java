package io.fmslake.merge;

import io.fmslake.parquet.ParquetOptions;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How merges write.
 *
 * @param tmpDir                   local directory for downloaded inputs and the target before upload
 * @param parquet                  codec, row group and page size of re-encoded targets
 * @param byteCopyMinRowGroupBytes byte copy is used only when the inputs' row groups average at least this many
 *                                 (compressed) bytes; smaller row groups are re-encoded into large ones
 * @param topic                    the lake's topic; every input must carry it in its footer
 */
public record MergeOptions(Path tmpDir, ParquetOptions parquet, long byteCopyMinRowGroupBytes, String topic) {
    public MergeOptions {
        Objects.requireNonNull(tmpDir, "tmpDir");
        Objects.requireNonNull(parquet, "parquet");
        Objects.requireNonNull(topic, "topic");
    }
}

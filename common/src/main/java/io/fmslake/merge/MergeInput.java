package io.fmslake.merge;

import io.fmslake.parquet.FileSummary;
import io.fmslake.store.StoredObject;
import java.nio.file.Path;
import java.util.Objects;

/** One file a merge reads, with the summary its footer recorded when the merge was planned. */
public sealed interface MergeInput permits MergeInput.StoreFile, MergeInput.LocalFile {

    FileSummary summary();

    long bytes();

    /**
     * A lake object. The merge reads it from the store by ranged reads and, once the output is published and
     * verified, deletes it (unless it was kept or published again under its key).
     */
    record StoreFile(StoredObject object, FileSummary summary) implements MergeInput {
        public StoreFile {
            Objects.requireNonNull(object, "object");
            Objects.requireNonNull(summary, "summary");
        }

        @Override
        public long bytes() {
            return object.size();
        }

        @Override
        public String toString() {
            return object.key();
        }
    }

    /**
     * A local lake file of the caller (e.g. rows the backfill loaded), sorted and with a lake footer. Read in place,
     * never deleted by the merge.
     */
    record LocalFile(Path path, FileSummary summary) implements MergeInput {
        public LocalFile {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(summary, "summary");
        }

        @Override
        public long bytes() {
            return path.toFile().length();
        }

        @Override
        public String toString() {
            return "local:" + path;
        }
    }
}

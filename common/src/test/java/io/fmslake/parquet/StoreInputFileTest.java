package io.fmslake.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.row.Row;
import io.fmslake.schema.SchemaInference;
import io.fmslake.store.ForwardingObjectStore;
import io.fmslake.store.StoredObject;
import io.fmslake.testkit.MemoryObjectStore;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoreInputFileTest {

    /** Serves one object's bytes by range and counts requests. */
    private static final class OneObjectStore extends ForwardingObjectStore {
        final byte[] bytes;
        int ranges;
        int opens;

        OneObjectStore(byte[] bytes) {
            super(new MemoryObjectStore()); // the rest is not used by StoreInputFile
            this.bytes = bytes;
        }

        @Override
        public byte[] readRange(String key, long offset, int length) {
            ranges++;
            return Arrays.copyOfRange(bytes, (int) offset, (int) Math.min(bytes.length, offset + length));
        }

        @Override
        public String bucket() {
            return "b";
        }

        @Override
        public InputStream open(String key) {
            opens++;
            return new java.io.ByteArrayInputStream(bytes);
        }
    }

    private static byte[] file(int n) {
        return file(n, ParquetOptions.defaults("ZSTD"));
    }

    private static byte[] file(int n, ParquetOptions options) {
        List<String> jsons = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            jsons.add("{\"i\":" + i + ",\"s\":\"" + Integer.toHexString(i * 7919) + "\"}");
        }
        List<Row> rows = TestRows.rows(0, 0, jsons);
        MemoryOutputFile out = new MemoryOutputFile();
        try (RowFileWriter w = RowFileWriter.open(out, SchemaInference.of(rows), options, "t")) {
            rows.forEach(w::write);
        }
        return out.toByteArray();
    }

    @Test
    void aFooterCostsOneRequest() {
        byte[] bytes = file(200_000);
        assertTrue(bytes.length > StoreInputFile.READ_AHEAD, "file larger than the read-ahead: " + bytes.length);
        OneObjectStore store = new OneObjectStore(bytes);
        StoredObject object = new StoredObject("minute/20250612_1122.parquet", bytes.length, Instant.now(), "e");
        FileFooter footer = FileFooter.read(new StoreInputFile(store, object));
        assertEquals(1, store.ranges);
        assertEquals(200_000, footer.summary().rows());
        assertEquals("0:0-199999", footer.summary().offsets().encode());
    }

    @Test
    void rowsAreReadThroughRanges() {
        byte[] bytes = file(50_000);
        OneObjectStore store = new OneObjectStore(bytes);
        StoredObject object = new StoredObject("k", bytes.length, Instant.now(), "e");
        long n = 0;
        try (RowFileReader reader = RowFileReader.open(new StoreInputFile(store, object))) {
            Row r;
            while ((r = reader.next()) != null) {
                assertEquals(n++, r.payload().get("i"));
            }
        }
        assertEquals(50_000, n);
        assertTrue(store.ranges < 20, "requests: " + store.ranges);
    }

    @Test
    void aStreamingReadOfAWholeFileCostsItsFooterAndOneGetWhateverItsRowGroups() {
        // (before, each 1 MiB of row groups was a ranged GET of its own, allocated anew)
        byte[] bytes = file(200_000, new ParquetOptions("ZSTD", 64 << 10, 8 << 10));
        OneObjectStore store = new OneObjectStore(bytes);
        StoredObject object = new StoredObject("day/20250612.parquet", bytes.length, Instant.now(), "e");
        assertTrue(
                FileFooter.read(new StoreInputFile(store, object))
                                .metadata()
                                .getBlocks()
                                .size()
                        > 3,
                "row groups");
        store.ranges = 0;
        long rows = 0;
        try (RowFileReader reader = RowFileReader.open(StoreInputFile.streaming(store, object))) {
            while (reader.next() != null) {
                rows++;
            }
        }
        assertEquals(200_000, rows);
        assertEquals(1, store.opens, "one GET streams every row group");
        assertTrue(store.ranges <= 2, "plus the footer and at most the file's last read-ahead: " + store.ranges);
    }
}

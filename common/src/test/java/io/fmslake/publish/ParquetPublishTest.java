package io.fmslake.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fmslake.deadletter.DeadLetter;
import io.fmslake.parquet.ParquetOptions;
import io.fmslake.row.Decoded;
import io.fmslake.row.JsonObject;
import io.fmslake.row.RecordDecoder;
import io.fmslake.row.Row;
import io.fmslake.schema.SchemaInference;
import io.fmslake.testkit.DuckDb;
import io.fmslake.testkit.MemoryObjectStore;
import io.fmslake.window.Level;
import io.fmslake.window.Window;
import io.fmslake.window.WindowCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The publisher with the real Parquet encoder and footer reader, checked through DuckDB. */
class ParquetPublishTest {
    private static final Instant T0 = Instant.parse("2025-06-12T11:22:00Z");
    private final WindowCodec codec = new WindowCodec(ZoneId.of("UTC"), DayOfWeek.SUNDAY);
    private final MemoryObjectStore store = new MemoryObjectStore();
    private final RecordDecoder decoder =
            new RecordDecoder(Optional.of("timestamp"), ZoneId.of("UTC"), 1 << 20, Optional.empty());
    private final MinutePublisher publisher = new MinutePublisher(
            store,
            codec,
            new LakeProbe(store, codec, OffsetsReader.footers()),
            new ParquetEncoder(ParquetOptions.defaults("ZSTD"), "fms-data", Optional.empty()),
            Clock.fixed(T0.plusSeconds(90), ZoneOffset.UTC),
            UploadListener.NONE);
    private final Window minute = codec.windowOf(Level.MINUTE, T0);

    @TempDir
    Path dir;

    private Decoded decode(int partition, long offset, String json) {
        return decoder.decode(partition, offset, T0.toEpochMilli(), null, json.getBytes(StandardCharsets.UTF_8));
    }

    private List<Row> rows(int partition, long from, long to) {
        List<Row> out = new ArrayList<>();
        for (long o = from; o <= to; o++) {
            out.add((Row) decode(
                    partition,
                    o,
                    "{\"site\":\"plant-7\",\"value\":" + (o * 0.5) + ",\"timestamp\":\"2025-06-12T11:22:"
                            + (10 + o % 40) + "Z\",\"loc\":{\"x\":" + o + "}}"));
        }
        return out;
    }

    private Path saved(String key) throws IOException {
        Path p = dir.resolve(key.replace('/', '_'));
        Files.write(p, store.bytes(key));
        return p;
    }

    @Test
    void aReplayIsRecognisedFromTheRealFootersAndDuckDbSeesEveryRecordOnce() throws IOException {
        Publication first = publisher.publishRows(minute, rows(0, 0, 99));
        Publication replay = publisher.publishRows(minute, rows(0, 50, 149));

        assertEquals(Optional.of("minute/20250612_1122.parquet"), first.key());
        assertEquals(Optional.of("minute/20250612_1122-p0o100.parquet"), replay.key());
        assertEquals(50, replay.alreadyDurable());
        try (DuckDb db = DuckDb.open()) {
            String files = "read_parquet(['" + saved(first.key().get()) + "','"
                    + saved(replay.key().get()) + "'])";
            assertEquals(
                    150L,
                    ((Number) db.scalar("SELECT count(DISTINCT (_kafka_partition, _kafka_offset)) FROM " + files))
                            .longValue());
            assertEquals(150L, ((Number) db.scalar("SELECT count(*) FROM " + files)).longValue());
            assertEquals(
                    90_000L,
                    ((Number) db.scalar("SELECT min(epoch_ms(_ingest_time)) FROM " + files)).longValue()
                            - T0.toEpochMilli());
            assertEquals("plant-7", db.scalar("SELECT DISTINCT site FROM " + files));
        }
    }

    @Test
    void deadLettersBecomeAnErrorsFileOnce() throws IOException {
        List<DeadLetter> letters = List.of((DeadLetter) decode(1, 5, "not json"), (DeadLetter) decode(1, 6, "[1]"));

        Publication p = publisher.publishDeadLetters(minute, letters);
        Publication again = publisher.publishDeadLetters(minute, letters);

        assertEquals(Optional.of("errors/20250612_1122-p1o5.parquet"), p.key());
        assertFalse(again.wroteFile());
        try (DuckDb db = DuckDb.open()) {
            assertEquals(
                    2L,
                    ((Number) db.scalar("SELECT count(*) FROM "
                                    + DuckDb.parquet(saved(p.key().get()))))
                            .longValue());
        }
    }

    @Test
    void aSchemaInferredWhileBufferingIsUsedOnlyWhileNoRowIsDropped() throws IOException {
        SchemaInference wider = new SchemaInference();
        rows(0, 0, 149).forEach(r -> wider.observe(r.payload()));
        wider.observe(new JsonObject(new String[] {"extra"}, new Object[] {"x"}));

        Publication first = publisher.publishRows(minute, rows(0, 0, 99), Optional.of(wider.result()));
        Publication replay = publisher.publishRows(minute, rows(0, 50, 149), Optional.of(wider.result()));

        assertEquals(50, replay.alreadyDurable());
        try (DuckDb db = DuckDb.open()) {
            assertEquals(1L, columns(db, saved(first.key().get()), "extra"), "the given schema was used");
            assertEquals(0L, columns(db, saved(replay.key().get()), "extra"), "inferred from the rows left");
            assertEquals(1L, columns(db, saved(replay.key().get()), "site"));
        }
    }

    @Test
    void aNegativeIngestTimeIsRefused() {
        ParquetEncoder encoder = new ParquetEncoder(ParquetOptions.defaults("ZSTD"), "fms-data", Optional.empty());

        assertThrows(IllegalArgumentException.class, () -> encoder.encodeRows(rows(0, 0, 9), -1));
        assertEquals(10, encoder.encodeRowsAsIs(rows(0, 0, 9)).summary().rows());
    }

    private static long columns(DuckDb db, Path file, String name) {
        return ((Number) db.scalar("SELECT count(*) FROM (DESCRIBE SELECT * FROM " + DuckDb.parquet(file)
                        + ") WHERE column_name = '" + name + "'"))
                .longValue();
    }
}

package io.fmslake.collector.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.row.Decoded;
import io.fmslake.row.RecordDecoder;
import io.fmslake.row.Row;
import io.fmslake.schema.SchemaInference;
import io.fmslake.window.Level;
import io.fmslake.window.WindowCodec;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WindowBufferTest {
    private static final Instant T0 = Instant.parse("2025-06-12T11:22:00Z");
    private final WindowCodec codec = new WindowCodec(ZoneId.of("UTC"), DayOfWeek.SUNDAY);
    private final RecordDecoder decoder =
            new RecordDecoder(Optional.empty(), ZoneId.of("UTC"), 1 << 20, Optional.empty());

    private Row row(int partition, long offset, String json) {
        Decoded d = decoder.decode(partition, offset, T0.toEpochMilli(), null, json.getBytes(StandardCharsets.UTF_8));
        return (Row) d;
    }

    private WindowBuffer filled() {
        WindowBuffer b = new WindowBuffer(new BufferKey(codec.windowOf(Level.MINUTE, T0), false));
        b.add(0, 1, row(0, 1, "{\"v\":1,\"loc\":{\"x\":\"a\"}}"), 100, 0);
        b.add(1, 7, row(1, 7, "{\"v\":2.5,\"tags\":[\"t\"]}"), 100, 0);
        b.add(1, 8, row(1, 8, "{\"v\":3,\"loc\":{\"y\":true}}"), 100, 0);
        return b;
    }

    @Test
    void rowsAreHeldCompactAndTheirSchemaIsInferredAsTheyArrive() {
        WindowBuffer b = filled();

        assertEquals(Optional.of(SchemaInference.of(b.rows())), b.schema());
        assertEquals(3, b.rows().size());
        for (Row r : b.rows()) {
            assertSame(r, r.compact(), "buffered rows keep only their JSON text");
        }
    }

    @Test
    void theSchemaIsForgottenOnceRowsAreSplitOffOrTakenOver() {
        WindowBuffer kept = filled();
        assertTrue(kept.extract(p -> p > 5).isEmpty());
        assertTrue(kept.schema().isPresent(), "nothing moved: still exact");

        WindowBuffer moved = kept.extract(p -> p == 1);
        assertEquals(Optional.empty(), kept.schema());
        assertEquals(Optional.empty(), moved.schema());

        WindowBuffer taker = filled();
        taker.absorb(moved);
        assertEquals(Optional.empty(), taker.schema());
        assertEquals(5, taker.count());
    }
}

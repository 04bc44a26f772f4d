package io.fmslake.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class UserMetadataTest {

    @Test
    void entriesKeepTheirOrderAndALaterValueReplacesAnEarlierOne() {
        UserMetadata m = UserMetadata.none()
                .with("fms-rows", "3")
                .with("fms-offsets", "p0=0-2")
                .with("fms-rows", "4");
        assertEquals(List.of("fms-offsets", "fms-rows"), List.copyOf(m.entries().keySet()));
        assertEquals("4", m.get("fms-rows"));
        assertEquals(
                m,
                UserMetadata.none()
                        .with("fms-offsets", "p0=0-2")
                        .with(UserMetadata.none().with("fms-rows", "4")));
    }

    @Test
    void valuesBecomePrintableAsciiAndNamesMustBeLowerCaseWords() {
        UserMetadata m = UserMetadata.none().with("fms-reasons", " schéma\tfehlt ✓ ");
        assertEquals("sch?ma?fehlt ?", m.get("fms-reasons"));
        for (String bad : List.of("Fms-Rows", "fms_rows", "", "-x", "fms rows")) {
            assertThrows(
                    IllegalArgumentException.class, () -> UserMetadata.none().with(bad, "1"), bad);
        }
    }

    @Test
    void theWholeStaysWithinTwoKilobytesByCuttingTheValueThatWouldPassIt() {
        UserMetadata stamp = UserMetadata.writer("backfill-loader", "1.0.0");
        UserMetadata m = stamp.with("fms-offsets", "1".repeat(5000));

        assertEquals(UserMetadata.MAX_BYTES, m.bytes());
        assertTrue(m.get("fms-offsets").endsWith("..."));
        assertEquals("backfill-loader", m.get(UserMetadata.SERVICE), "entries before the long one are kept whole");
        UserMetadata full = m.with("fms-topic", "events");
        assertEquals(null, full.get("fms-topic"), "no room left: the entry is left out, the upload still goes ahead");
        assertEquals(UserMetadata.MAX_BYTES, full.bytes());
    }
}

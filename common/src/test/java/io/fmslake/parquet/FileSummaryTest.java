package io.fmslake.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fmslake.row.OffsetSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FileSummaryTest {

    @Test
    void footerEntriesRoundTrip() {
        FileSummary s = new FileSummary(12, OffsetSet.decode("0:0-9;3:7-8"), -5, 1_749_727_353_123L, "fms.events");
        Map<String, String> footer = s.toFooter();
        assertEquals(
                List.of(
                        "fms.format_version",
                        "fms.topic",
                        "fms.rows",
                        "fms.event_time_min",
                        "fms.event_time_max",
                        "fms.offsets"),
                List.copyOf(footer.keySet()));
        assertEquals("0:0-9;3:7-8", footer.get("fms.offsets"));
        assertEquals(s, FileSummary.fromFooter(footer));
    }

    @Test
    void summariesAdd() {
        FileSummary a = new FileSummary(3, OffsetSet.decode("0:0-2"), 10, 20, "t");
        FileSummary b = new FileSummary(2, OffsetSet.decode("0:3-3;1:0-0"), 5, 15, "t");
        FileSummary empty = new FileSummary(0, new OffsetSet(), Long.MAX_VALUE, Long.MIN_VALUE, "t");
        assertEquals(new FileSummary(5, OffsetSet.decode("0:0-3;1:0-0"), 5, 20, "t"), a.plus(b));
        assertEquals(a, a.plus(empty));
        assertThrows(IllegalArgumentException.class, () -> a.plus(new FileSummary(0, new OffsetSet(), 0, 0, "u")));
    }

    @Test
    void missingOrMalformedEntriesAreRefused() {
        Map<String, String> footer =
                new HashMap<>(new FileSummary(0, new OffsetSet(), Long.MAX_VALUE, Long.MIN_VALUE, "t").toFooter());
        assertEquals(0, FileSummary.fromFooter(footer).rows());
        for (String key : List.of("fms.rows", "fms.offsets", "fms.topic", "fms.format_version")) {
            Map<String, String> broken = new HashMap<>(footer);
            broken.remove(key);
            assertThrows(IllegalArgumentException.class, () -> FileSummary.fromFooter(broken), key);
        }
        footer.put("fms.rows", "many");
        assertThrows(IllegalArgumentException.class, () -> FileSummary.fromFooter(footer));
        footer.put("fms.rows", "1");
        footer.put("fms.format_version", "2");
        assertThrows(IllegalArgumentException.class, () -> FileSummary.fromFooter(footer));
    }
}

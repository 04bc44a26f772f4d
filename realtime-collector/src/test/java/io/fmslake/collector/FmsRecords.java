package io.fmslake.collector;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

/** FMS-like sensor records (~250 bytes of JSON) for tests and the benchmark. */
public final class FmsRecords {
    private static final String[] TYPES = {"temperature", "humidity", "pressure", "vibration"};
    private static final String[] UNITS = {"C", "%", "hPa", "mm/s"};

    private FmsRecords() {}

    /** Record number {@code i} with the event time in its {@code timestamp} field (ISO-8601). */
    public static byte[] json(long i, Instant eventTime) {
        int type = (int) (i % TYPES.length);
        String s = String.format(
                Locale.ROOT,
                "{\"site\":\"plant-%d\",\"equipment_id\":\"EQ-%05d\","
                        + "\"sensor_type\":\"%s\",\"value\":%.3f,\"unit\":\"%s\",\"status\":\"%s\","
                        + "\"location\":{\"building\":\"B%d\",\"floor\":%d,\"zone\":\"Z-%02d\"},"
                        + "\"firmware\":\"fw-2.%d.%d\",\"seq\":%d,\"timestamp\":\"%s\"}",
                i % 7,
                i % 5000,
                TYPES[type],
                (i * 7919 % 100_000) / 1000.0,
                UNITS[type],
                i % 50 == 0 ? "WARN" : "OK",
                i % 9,
                i % 20,
                i % 50,
                i % 4,
                i % 13,
                i,
                eventTime);
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

package io.fmslake.parquet;

import io.fmslake.row.JsonObject;
import io.fmslake.row.PackedJson;
import io.fmslake.row.Row;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Seeded random payloads for differential tests: field names from a small pool, each name with its kind of value
 * (so rows of one file share fields and nesting survives the union of their schemas), a long field that meets
 * doubles, a wild one of any kind (a text column), and every value kind the decoder produces: longs beyond 2^53,
 * -0.0, huge and tiny doubles, text with lone surrogates, emoji and control characters, big numbers kept as text,
 * nested and empty objects, and lists (empty, with nulls, of objects, of lists).
 */
final class RandomPayloads {
    private static final String[] NAMES = {"a", "b", "c", "site", "값", "🚚", "_kafka_offset", "x.y", "n", "l2", "e", "w"
    };

    private final Random random;

    RandomPayloads(long seed) {
        this.random = new Random(seed);
    }

    /**
     * {@code count} rows in lake order (partitions 0-2, increasing offsets), their keys null or Unicode text; every
     * third row holds only its payload tree, the others only their packed payload (as rows decoded from Kafka).
     */
    List<Row> rows(int count, long t0) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            JsonObject payload = object(0);
            int partition = random.nextInt(3);
            String key = random.nextInt(4) == 0 ? null : "k-" + random.nextInt(50) + (random.nextBoolean() ? "-키" : "");
            long eventTime = t0 + i * 10L + random.nextInt(10);
            long kafkaTime = eventTime - random.nextInt(1000);
            rows.add(
                    i % 3 == 0
                            ? new Row(payload, partition, i, kafkaTime, eventTime, key, t0 + 99)
                            : Row.ofPacked(
                                    PackedJson.standard().pack(payload),
                                    partition,
                                    i,
                                    kafkaTime,
                                    eventTime,
                                    key,
                                    t0 + 99));
        }
        rows.sort(null);
        return rows;
    }

    /** An object of random fields; each name keeps one kind of value (so nesting survives the schema union). */
    JsonObject object(int depth) {
        List<String> names = new ArrayList<>(Arrays.asList(NAMES));
        int n = random.nextInt(depth == 0 ? 9 : 4);
        String[] ns = new String[n];
        Object[] vs = new Object[n];
        for (int i = 0; i < n; i++) {
            ns[i] = names.remove(random.nextInt(names.size()));
            vs[i] = random.nextInt(8) == 0 ? null : value(ns[i], depth);
        }
        return new JsonObject(ns, vs);
    }

    private Object value(String name, int depth) {
        switch (name) {
            case "a":
                return (long) random.nextInt(100) - 50;
            case "b":
                return random.nextBoolean() ? (Object) (long) random.nextInt(1000) : (Object) number();
            case "c":
                return random.nextBoolean();
            case "site":
                return new String[] {"MOVING", "IDLE", "PARKED", ""}[random.nextInt(4)];
            case "값":
                return text();
            case "🚚":
                return depth < 3 ? object(depth + 1) : null;
            case "_kafka_offset":
                long wide = random.nextBoolean() ? Long.MIN_VALUE : (1L << 53) + 1;
                return random.nextBoolean() ? random.nextLong() : wide;
            case "x.y":
                return list(() -> random.nextInt(5) == 0 ? null : (Object) random.nextLong());
            case "n":
                return depth < 3 ? list(() -> random.nextInt(5) == 0 ? null : object(depth + 1)) : null;
            case "l2":
                return list(() -> list(() -> random.nextInt(5) == 0 ? null : (Object) number()));
            case "e":
                return new JsonObject(new String[0], new Object[0]);
            default:
                return wild(depth);
        }
    }

    private Object list(java.util.function.Supplier<Object> item) {
        Object[] items = new Object[random.nextInt(4)];
        for (int i = 0; i < items.length; i++) {
            items[i] = item.get();
        }
        return Arrays.asList(items);
    }

    private double number() {
        double[] special = {-0.0, 0.0, 1e-300, -1e300, 0.1, Double.MIN_VALUE, 1.5};
        return random.nextBoolean() ? special[random.nextInt(special.length)] : random.nextGaussian() * 1e6;
    }

    /** Any kind of value: the field's column becomes text (JSON text of what is not a string). */
    private Object wild(int depth) {
        return switch (random.nextInt(depth < 3 ? 8 : 6)) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> random.nextLong();
            case 3 -> number();
            case 4 -> text();
            case 5 -> "123456789012345678901234567890." + random.nextInt(10);
            case 6 -> object(depth + 1);
            default -> list(() -> wild(depth + 1));
        };
    }

    private String text() {
        StringBuilder s = new StringBuilder();
        for (int i = random.nextInt(10); i > 0; i--) {
            switch (random.nextInt(6)) {
                case 0 -> s.append((char) random.nextInt(0x20));
                case 1 -> s.append("🚀");
                case 2 -> s.append((char) (0xD800 + random.nextInt(0x800)));
                case 3 -> s.append((char) random.nextInt(0x10000));
                default -> s.append((char) ('a' + random.nextInt(26)));
            }
        }
        return s.toString();
    }
}

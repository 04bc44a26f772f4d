package io.fmslake.row;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Random decoded payloads for packing tests: every value kind, unique names (some not ASCII), lone surrogates. */
public final class RandomJson {
    private RandomJson() {}

    public static JsonObject object(Random random, int depth) {
        int n = random.nextInt(depth == 0 ? 8 : 4);
        String[] names = new String[n];
        Object[] values = new Object[n];
        for (int i = 0; i < n; i++) {
            names[i] = "f" + i + (random.nextBoolean() ? "" : "\u00e9" + random.nextInt(100));
            values[i] = value(random, depth);
        }
        return new JsonObject(names, values);
    }

    private static Object value(Random random, int depth) {
        switch (random.nextInt(depth < 3 ? 8 : 6)) {
            case 0:
                return null;
            case 1:
                return random.nextBoolean();
            case 2:
                return random.nextLong() >> random.nextInt(64);
            case 3:
                return random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
            case 4:
                StringBuilder s = new StringBuilder();
                for (int i = random.nextInt(12); i > 0; i--) {
                    s.append((char) random.nextInt(random.nextBoolean() ? 128 : 0x10000));
                }
                return s.toString();
            case 5:
                return Long.toString(random.nextLong()) + "123456789";
            case 6:
                return object(random, depth + 1);
            default:
                List<Object> items = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    items.add(value(random, depth + 1));
                }
                return Arrays.asList(items.toArray());
        }
    }
}

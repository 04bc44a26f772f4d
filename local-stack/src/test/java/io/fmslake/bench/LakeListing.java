package io.fmslake.bench;

import io.fmslake.store.ObjectStore;
import io.fmslake.store.StoredObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bucket's objects by key (size and ETag), listed per top-level prefix, so that a step's objects written
 * (new keys, or keys with another ETag) and deleted can be told by comparing a listing before and after it.
 */
record LakeListing(Map<String, StoredObject> objects) {
    static final List<String> PREFIXES = List.of("minute/", "hour/", "day/", "week/", "errors/", "_lake/", "_lease/");

    static LakeListing of(ObjectStore store) {
        Map<String, StoredObject> all = new TreeMap<>();
        for (String prefix : PREFIXES) {
            for (StoredObject o : store.list(prefix)) {
                if (!o.key().endsWith("/")) {
                    all.put(o.key(), o);
                }
            }
        }
        return new LakeListing(all);
    }

    /** Objects written (new or replaced) and deleted since {@code before}, per prefix. */
    String changesSince(LakeListing before) {
        Map<String, long[]> written = new LinkedHashMap<>();
        Map<String, long[]> deleted = new LinkedHashMap<>();
        objects.values().forEach(o -> {
            StoredObject b = before.objects.get(o.key());
            if (b == null || !b.etag().equals(o.etag()) || b.size() != o.size()) {
                add(written, o, 1);
            }
        });
        before.objects.values().stream()
                .filter(o -> !objects.containsKey(o.key()))
                .forEach(o -> add(deleted, o, 1));
        return "written " + format(written, "+") + "; deleted " + format(deleted, "-");
    }

    /** Objects written since {@code before} under {@code prefix}. */
    long writtenSince(LakeListing before, String prefix) {
        return objects.values().stream()
                .filter(o -> o.key().startsWith(prefix))
                .filter(o -> {
                    StoredObject b = before.objects.get(o.key());
                    return b == null || !b.etag().equals(o.etag());
                })
                .count();
    }

    private static void add(Map<String, long[]> per, StoredObject o, int n) {
        String prefix = o.key().substring(0, o.key().indexOf('/') + 1);
        long[] v = per.computeIfAbsent(prefix, p -> new long[2]);
        v[0] += n;
        v[1] += o.size();
    }

    private static String format(Map<String, long[]> per, String sign) {
        if (per.isEmpty()) {
            return "none";
        }
        StringBuilder b = new StringBuilder();
        for (String prefix : PREFIXES) {
            long[] v = per.get(prefix);
            if (v != null) {
                b.append(b.length() == 0 ? "" : ", ")
                        .append(String.format(
                                Locale.ROOT, "%s %s%,d (%.1f MiB)", prefix, sign, v[0], v[1] / 1048576.0));
            }
        }
        return b.toString();
    }
}

package io.fmslake.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * S3 user metadata of an object ({@code x-amz-meta-<name>: <value>}), as the MinIO console shows it: immutable, in
 * insertion order. Names are lower case ({@code [a-z0-9-]}, S3 treats them case-insensitively); values are printable
 * ASCII (S3 requires ASCII: other characters become {@code ?}). S3 allows 2 KB of user metadata per object (names and
 * values counted): a value that would pass {@link #MAX_BYTES} is shortened to fit and ends in {@code ...} (an entry
 * whose name alone does not fit is left out), so that metadata never fails an upload.
 */
public final class UserMetadata {
    /** S3's limit on the user metadata of one object, names and values counted. */
    public static final int MAX_BYTES = 2048;
    /** The service that wrote the object: realtime-collector, batch-merger or backfill-loader. */
    public static final String SERVICE = "fms-service";
    /** The version of the writing service's jar ({@code dev} outside a jar). */
    public static final String VERSION = "fms-version";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final String CUT = "...";
    private static final UserMetadata NONE = new UserMetadata(Map.of());

    private final Map<String, String> entries;

    private UserMetadata(Map<String, String> entries) {
        this.entries = entries;
    }

    public static UserMetadata none() {
        return NONE;
    }

    /** The writer's stamp: {@value #SERVICE} and {@value #VERSION}. */
    public static UserMetadata writer(String service, String version) {
        return none().with(SERVICE, service).with(VERSION, version);
    }

    /**
     * These entries and {@code name = value} (replacing an entry of that name), the value made ASCII and, where the
     * whole would pass {@link #MAX_BYTES}, shortened to fit (left out if not even the name fits).
     *
     * @throws IllegalArgumentException when the name is not lower-case letters, digits and dashes
     */
    public UserMetadata with(String name, String value) {
        Objects.requireNonNull(value, "value");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("user metadata names are [a-z0-9-]: " + name);
        }
        Map<String, String> next = new LinkedHashMap<>(entries);
        next.remove(name);
        int room = MAX_BYTES - bytes(next) - name.length();
        if (room >= 0) {
            next.put(name, fit(ascii(value), room));
        }
        return new UserMetadata(Collections.unmodifiableMap(next));
    }

    /** These entries, then {@code other}'s (which replace entries of the same name). */
    public UserMetadata with(UserMetadata other) {
        UserMetadata out = this;
        for (Map.Entry<String, String> e : other.entries.entrySet()) {
            out = out.with(e.getKey(), e.getValue());
        }
        return out;
    }

    /** Name to value, in insertion order, without the {@code x-amz-meta-} prefix. */
    public Map<String, String> entries() {
        return entries;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The value of an entry, or null. */
    public String get(String name) {
        return entries.get(name);
    }

    /** Names and values counted, as S3 counts them against {@link #MAX_BYTES}. */
    public int bytes() {
        return bytes(entries);
    }

    private static int bytes(Map<String, String> m) {
        int n = 0;
        for (Map.Entry<String, String> e : m.entrySet()) {
            n += e.getKey().length() + e.getValue().length();
        }
        return n;
    }

    /** Printable ASCII only; anything else (control characters, non-ASCII) becomes {@code ?}. */
    static String ascii(String value) {
        StringBuilder sb = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return sb.toString().strip();
    }

    private static String fit(String value, int room) {
        if (value.length() <= room) {
            return value;
        }
        return room <= CUT.length() ? CUT.substring(0, room) : value.substring(0, room - CUT.length()) + CUT;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserMetadata m && m.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return entries.toString();
    }
}

package io.fmslake.merge;

import io.fmslake.window.LakeKey;
import io.fmslake.window.Level;
import io.fmslake.window.Window;
import io.fmslake.window.WindowCodec;
import java.util.Objects;
import java.util.Optional;

/**
 * Names of the lease objects: one per target window, named like the window's base file under {@value #PREFIX}
 * ({@code _lease/hour/20250612_10_11.json}, {@code _lease/day/20250612.json},
 * {@code _lease/week/20250608_20250614.json}), and the bucket-wide {@value #LEGACY} of mergers before per-window
 * leases, which a new run treats as overlapping every window (DESIGN-merger.md, "Leases per window").
 */
public final class LeaseKeys {
    public static final String PREFIX = "_lease/";
    /** The one merge lease of earlier versions. */
    public static final String LEGACY = PREFIX + "merge.json";

    private static final String EXTENSION = ".json";

    private final WindowCodec codec;

    public LeaseKeys(WindowCodec codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    /** The lease key of an hour, day or week window. */
    public String of(Window w) {
        if (w.level() == Level.MINUTE) {
            throw new IllegalArgumentException("minute windows are not merge targets: " + w);
        }
        return PREFIX + codec.prefix(w) + EXTENSION;
    }

    /** The window a lease key names; empty for {@link #LEGACY} and any other key. */
    public Optional<Window> windowOf(String key) {
        if (!key.startsWith(PREFIX) || !key.endsWith(EXTENSION)) {
            return Optional.empty();
        }
        String name = key.substring(PREFIX.length(), key.length() - EXTENSION.length()) + LakeKey.EXTENSION;
        return codec.parse(name)
                .filter(k -> !k.deadLetter() && k.suffix().isEmpty())
                .map(LakeKey::window)
                .filter(w -> w.level() != Level.MINUTE);
    }

    /** True when one window lies inside the other (windows of the four levels nest: they never partly overlap). */
    public static boolean overlap(Window a, Window b) {
        return a.covers(b) || b.covers(a);
    }
}

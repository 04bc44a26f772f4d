package io.fmslake.store;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The condition a conditional write must meet when the object is committed: no object under the key
 * ({@code If-None-Match: *}), or exactly the object with a given ETag ({@code If-Match}).
 *
 * @param etag the ETag the current object must have, or empty: the key must be free
 */
public record Precondition(Optional<String> etag) {
    public Precondition {
        Objects.requireNonNull(etag, "etag");
    }

    /** The key must be free: create only. */
    public static Precondition absent() {
        return new Precondition(Optional.empty());
    }

    /** The current object must have this ETag (quoted or not): compare-and-swap. */
    public static Precondition matching(String etag) {
        return new Precondition(Optional.of(MinioObjectStore.etag(etag)));
    }

    /** {@link #matching} the ETag a plan saw, or {@link #absent()} where it saw no object. */
    public static Precondition of(Optional<String> plannedEtag) {
        return plannedEtag.map(Precondition::matching).orElseGet(Precondition::absent);
    }

    /** The HTTP header that states it. */
    Map<String, String> header() {
        return etag.map(e -> Map.of("If-Match", "\"" + e + "\"")).orElseGet(() -> Map.of("If-None-Match", "*"));
    }

    @Override
    public String toString() {
        return etag.map(e -> "if-match \"" + e + "\"").orElse("if-none-match *");
    }
}

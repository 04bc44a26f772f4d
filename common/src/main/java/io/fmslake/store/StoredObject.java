package io.fmslake.store;

import java.time.Instant;

/** What a listing or stat tells about one object. The ETag is opaque: compare it, never parse it. */
public record StoredObject(String key, long size, Instant lastModified, String etag) {}

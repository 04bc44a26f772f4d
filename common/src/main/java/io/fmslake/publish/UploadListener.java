package io.fmslake.publish;

/** Told about every object a publisher made durable, right after the store acknowledged it. */
@FunctionalInterface
public interface UploadListener {
    UploadListener NONE = key -> {};

    void uploaded(String key);
}

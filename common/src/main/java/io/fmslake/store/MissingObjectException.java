package io.fmslake.store;

/** The key names no object (HTTP 404 NoSuchKey). Never retried. */
public class MissingObjectException extends StoreException {
    private final String key;

    public MissingObjectException(String bucket, String key) {
        super("no object " + bucket + "/" + key);
        this.key = key;
    }

    public String key() {
        return key;
    }
}

package io.fmslake.merge;

/** A window's lease is no longer ours (expired and taken over, or gone): stop before the next destructive step. */
public class LeaseLostException extends MergeException {
    public LeaseLostException(String message) {
        super(message);
    }
}

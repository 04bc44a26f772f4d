package io.fmslake.merge;

/** A merge could not be completed safely; nothing was deleted that had not been published and verified. */
public class MergeException extends RuntimeException {
    public MergeException(String message) {
        super(message);
    }

    public MergeException(String message, Throwable cause) {
        super(message, cause);
    }
}

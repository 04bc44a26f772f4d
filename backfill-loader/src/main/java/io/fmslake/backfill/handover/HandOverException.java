package io.fmslake.backfill.handover;

/** The hand-over point could not be found or recorded. */
public final class HandOverException extends RuntimeException {
    public HandOverException(String message) {
        super(message);
    }

    public HandOverException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.fmslake.merge;

/** Another process held a window's lease, or an overlapping window's, for longer than we were willing to wait. */
public class LeaseUnavailableException extends MergeException {
    public LeaseUnavailableException(String message) {
        super(message);
    }
}

package io.fmslake.merge;

/** Another process held the merge lease for longer than we were willing to wait. */
public class LeaseUnavailableException extends MergeException {
    public LeaseUnavailableException(String message) {
        super(message);
    }
}

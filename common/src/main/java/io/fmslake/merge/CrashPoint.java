package io.fmslake.merge;

/** Points inside a merge where a test hook may halt or pause the process, to prove a rerun converges. */
public enum CrashPoint {
    /** Inputs are being read: nothing published, nothing deleted. */
    READING,
    /** The target is verified locally and the lease checked; its upload comes next. */
    BEFORE_UPLOAD,
    /** One part of a target written as several is uploaded and verified (reached after each part). */
    AFTER_PART,
    /** The target is uploaded and verified, no input deleted yet. */
    AFTER_UPLOAD,
    /** About half of the inputs are deleted. */
    MID_DELETE;

    /** Called at each point; the default does nothing. */
    @FunctionalInterface
    public interface Hook {
        Hook NONE = p -> {};

        void reached(CrashPoint point);
    }
}

package io.fmslake.store;

/** What a fenced delete ({@link ObjectStore#deleteIfMatch}) found and did. */
public enum Deletion {
    /** The object with the expected ETag was deleted (also when a retry finds that its lost first attempt did). */
    DELETED,
    /** No object under the key when the first attempt looked: someone else removed it. */
    ABSENT,
    /** Another object is under the key now (re-created since the ETag was read): left in place. */
    CHANGED
}

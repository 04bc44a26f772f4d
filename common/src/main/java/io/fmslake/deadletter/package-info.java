/**
 * Records that cannot become rows, kept with their raw bytes under {@code errors/}: see
 * {@link io.fmslake.deadletter.DeadLetter} for the reasons and {@link io.fmslake.deadletter.DeadLetterFile} for
 * the file layout. Tombstones (null values) are dead letters with reason {@code tombstone}.
 */
package io.fmslake.deadletter;

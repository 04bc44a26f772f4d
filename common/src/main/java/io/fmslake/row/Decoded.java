package io.fmslake.row;

/**
 * What {@link RecordDecoder} makes of one Kafka record: a {@link Row}, or an
 * {@link io.fmslake.deadletter.DeadLetter} that says why it could not become one.
 *
 * <p>Conceptually sealed to exactly these two types. Java only allows a sealed type to permit subclasses in
 * other packages inside a named module, and this build uses the class path, so the interface is plain; no
 * other type implements it. Use {@code instanceof Row r} / {@code instanceof DeadLetter d}.
 */
public interface Decoded {}

package io.fmslake.collector.buffer;

import io.fmslake.window.Window;
import java.util.Comparator;

/**
 * Identifies one buffer: a minute of rows (by event time) or a minute of dead letters (by Kafka timestamp).
 * Orders oldest first, rows before dead letters.
 */
public record BufferKey(Window window, boolean deadLetters) implements Comparable<BufferKey> {
    private static final Comparator<BufferKey> ORDER =
            Comparator.comparing(BufferKey::window).thenComparing(BufferKey::deadLetters);

    @Override
    public int compareTo(BufferKey o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return (deadLetters ? "errors@" : "minute@") + window.start();
    }
}

package io.fmslake.publish;

import io.fmslake.row.OffsetSet;
import io.fmslake.window.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What one publish call made durable.
 *
 * @param window         the minute
 * @param deadLetters    true for an {@code errors/} file
 * @param key            the object written, empty when every input record was already durable
 * @param rows           records written into the file
 * @param bytes          size of the file, 0 when none was written
 * @param alreadyDurable input records dropped because the lake already held them
 * @param attempts       probe-and-upload rounds needed (more than 1 after a key conflict)
 * @param durableAt      when the upload was acknowledged (or the probe found everything durable)
 * @param duration       probe, encode and upload time
 */
public record Publication(
        Window window,
        boolean deadLetters,
        Optional<String> key,
        long rows,
        long bytes,
        long alreadyDurable,
        int attempts,
        Instant durableAt,
        Duration duration,
        String offsetsText) {

    public Publication {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(offsetsText, "offsetsText");
    }

    /** The coordinates written into the file (a fresh copy). */
    public OffsetSet offsets() {
        return OffsetSet.decode(offsetsText);
    }

    public boolean wroteFile() {
        return key.isPresent();
    }
}

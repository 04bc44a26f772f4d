package io.fmslake.collector.flush;

import io.fmslake.collector.buffer.WindowBuffer;
import io.fmslake.commit.Publication;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of a flush job.
 *
 * @param publications what became durable (also minutes found already durable)
 * @param returned     buffers not written (the store failed or ownership was uncertain): put them back
 * @param failure      the first failure, if any
 */
public record FlushReport(List<Publication> publications, List<WindowBuffer> returned, Optional<Throwable> failure) {
    public FlushReport {
        publications = List.copyOf(publications);
        returned = List.copyOf(returned);
    }

    public boolean succeeded() {
        return failure.isEmpty();
    }
}

package io.fmslake.collector.flush;

import io.fmslake.publish.Publication;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of a flush job.
 *
 * @param publications what became durable (also minutes found already durable)
 * @param returned     tasks not written (the store failed or ownership was uncertain): their buffers go back
 * @param failure      the first failure, if any
 */
public record FlushReport(List<Publication> publications, List<FlushTask> returned, Optional<Throwable> failure) {
    public FlushReport {
        publications = List.copyOf(publications);
        returned = List.copyOf(returned);
    }

    public boolean succeeded() {
        return failure.isEmpty();
    }
}

package io.fmslake.collector.flush;

import io.fmslake.publish.Publication;
import io.fmslake.row.OffsetSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one INFO line per flushed minute: window, key, rows, bytes, duration and offset range per partition. */
final class FlushLog {
    private static final Logger LOG = LoggerFactory.getLogger("io.fmslake.collector.flush");

    private FlushLog() {}

    static void published(Publication p, String reason, int buffered) {
        String ranges = ranges(p.offsets());
        String key = p.key().orElse("-");
        LOG.atInfo()
                .addKeyValue("window", p.window().start().toString())
                .addKeyValue("kind", p.deadLetters() ? "dead_letters" : "rows")
                .addKeyValue("key", key)
                .addKeyValue("rows", p.rows())
                .addKeyValue("bytes", p.bytes())
                .addKeyValue("duration_ms", p.duration().toMillis())
                .addKeyValue("offsets", ranges)
                .addKeyValue("already_durable", p.alreadyDurable())
                .addKeyValue("reason", reason)
                .log(
                        "flushed {} {} key={} rows={} bytes={} duration_ms={} offsets={} already_durable={} reason={}",
                        p.deadLetters() ? "dead letters of" : "minute",
                        p.window().start(),
                        key,
                        p.rows(),
                        p.bytes(),
                        p.duration().toMillis(),
                        ranges,
                        p.alreadyDurable() + " of " + buffered,
                        reason);
    }

    /** {@code p0=10-99,p2=5-7}: lowest and highest offset written per partition. */
    static String ranges(OffsetSet offsets) {
        StringBuilder sb = new StringBuilder();
        for (int partition : offsets.partitions()) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append('p')
                    .append(partition)
                    .append('=')
                    .append(offsets.min(partition))
                    .append('-')
                    .append(offsets.max(partition));
        }
        return sb.length() == 0 ? "-" : sb.toString();
    }
}

package io.fmslake.collector.consume;

import io.fmslake.publish.LakeCoordinates;
import io.fmslake.publish.OffsetsReader;
import io.fmslake.publish.RetentionGap;
import io.fmslake.store.MissingObjectException;
import io.fmslake.store.ObjectStore;
import io.fmslake.window.WindowCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * What the bucket contributes to start positions: the group's marker, the retention gaps met, and the Kafka
 * coordinates the lake holds. Only reads and creates (put-if-absent): the collector never replaces or deletes.
 */
public final class StartLedger {
    private final ObjectStore store;
    private final WindowCodec codec;

    public StartLedger(ObjectStore store, WindowCodec codec) {
        this.store = store;
        this.codec = codec;
    }

    /** The group's marker, if the group started on this lake before. */
    Optional<GroupMarker> marker(String group) {
        String key = GroupMarker.key(group);
        try (InputStream in = store.open(key)) {
            return Optional.of(GroupMarker.fromJson(group, in.readAllBytes()));
        } catch (MissingObjectException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + key, e);
        }
    }

    /** Creates the marker unless one exists. @return false when another start wrote it first */
    boolean create(GroupMarker marker) {
        return store.putIfAbsent(GroupMarker.key(marker.group()), marker.toJson());
    }

    /** Records a gap unless it is recorded already. @return true when this call recorded it */
    boolean record(RetentionGap gap) {
        return store.putIfAbsent(gap.key(), gap.toJson());
    }

    /** Every coordinate the lake's footers hold. */
    LakeCoordinates coordinates() {
        return LakeCoordinates.read(store, codec, OffsetsReader.footers());
    }
}

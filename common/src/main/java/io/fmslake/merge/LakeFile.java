package io.fmslake.merge;

import io.fmslake.store.StoredObject;
import io.fmslake.window.LakeKey;
import io.fmslake.window.Level;
import io.fmslake.window.Window;
import java.util.Objects;

/** One object of the tiered layout, with its parsed key. */
public record LakeFile(LakeKey key, StoredObject object) {
    public LakeFile {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(object, "object");
    }

    public Window window() {
        return key.window();
    }

    public Level level() {
        return key.window().level();
    }

    public String name() {
        return object.key();
    }
}

package io.fmslake.parquet;

import io.fmslake.schema.LakeSchema;
import java.util.Map;
import org.apache.parquet.schema.MessageType;

/** How a file's lake schema is found. */
final class FileSchemas {
    private FileSchemas() {}

    /** The lake schema of a file: its {@code fms.schema} entry when it matches the columns, else derived. */
    static LakeSchema schema(MessageType file, Map<String, String> footer) {
        String json = footer.get(FileSummary.SCHEMA);
        if (json != null) {
            try {
                LakeSchema s = LakeSchema.fromJson(json);
                if (s.parquet().equals(file)) {
                    return s;
                }
            } catch (IllegalArgumentException e) {
                // fall through to the Parquet schema
            }
        }
        return LakeSchema.fromParquet(file);
    }
}

package io.fmslake.schema;

import java.util.List;
import java.util.Objects;

/** The type of one column or list element. Immutable. */
public sealed interface LakeType permits LakeType.Scalar, LakeType.Struct, LakeType.ListOf {

    Kind kind();

    /** A leaf type: NULL, BOOLEAN, LONG, LONG_WIDE, DOUBLE or STRING. */
    record Scalar(Kind kind) implements LakeType {
        public static final Scalar NULL = new Scalar(Kind.NULL);
        public static final Scalar BOOLEAN = new Scalar(Kind.BOOLEAN);
        public static final Scalar LONG = new Scalar(Kind.LONG);
        public static final Scalar LONG_WIDE = new Scalar(Kind.LONG_WIDE);
        public static final Scalar DOUBLE = new Scalar(Kind.DOUBLE);
        public static final Scalar STRING = new Scalar(Kind.STRING);

        public Scalar {
            if (kind == Kind.RECORD || kind == Kind.LIST) {
                throw new IllegalArgumentException("not a scalar kind: " + kind);
            }
        }

        public static Scalar of(Kind kind) {
            return switch (kind) {
                case NULL -> NULL;
                case BOOLEAN -> BOOLEAN;
                case LONG -> LONG;
                case LONG_WIDE -> LONG_WIDE;
                case DOUBLE -> DOUBLE;
                case STRING -> STRING;
                default -> throw new IllegalArgumentException("not a scalar kind: " + kind);
            };
        }
    }

    /** A JSON object type: fields sorted by name (String order), names unique. */
    record Struct(List<Field> fields) implements LakeType {
        public Struct {
            fields = List.copyOf(fields);
            for (int i = 1; i < fields.size(); i++) {
                if (fields.get(i - 1).name().compareTo(fields.get(i).name()) >= 0) {
                    throw new IllegalArgumentException("fields not sorted or not unique at "
                            + fields.get(i).name());
                }
            }
        }

        @Override
        public Kind kind() {
            return Kind.RECORD;
        }

        /** The field of that name, or null. */
        public Field field(String name) {
            int lo = 0;
            int hi = fields.size() - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                int c = fields.get(mid).name().compareTo(name);
                if (c < 0) {
                    lo = mid + 1;
                } else if (c > 0) {
                    hi = mid - 1;
                } else {
                    return fields.get(mid);
                }
            }
            return null;
        }
    }

    /** A JSON array type. */
    record ListOf(LakeType element) implements LakeType {
        public ListOf {
            Objects.requireNonNull(element, "element");
        }

        @Override
        public Kind kind() {
            return Kind.LIST;
        }
    }

    /** A named field of a {@link Struct}; the name is the original JSON name. */
    record Field(String name, LakeType type) {
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }
}

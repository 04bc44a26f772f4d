package io.fmslake.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * The union of two lake types, the rule behind schema merges: NULL gives way to anything; equal types stay;
 * LONG with DOUBLE is DOUBLE; LONG with LONG_WIDE is LONG_WIDE; records merge field by field; lists merge their
 * element types; every other pair (LONG_WIDE with DOUBLE included, which could not widen exactly) is STRING,
 * where non-string values are kept as their JSON text. No value is ever dropped.
 */
final class TypeUnion {
    private TypeUnion() {}

    static LakeType union(LakeType a, LakeType b) {
        if (a.equals(b)) {
            return a;
        }
        if (a.kind() == Kind.NULL) {
            return b;
        }
        if (b.kind() == Kind.NULL) {
            return a;
        }
        if (a instanceof LakeType.Struct sa && b instanceof LakeType.Struct sb) {
            return struct(sa, sb);
        }
        if (a instanceof LakeType.ListOf la && b instanceof LakeType.ListOf lb) {
            return new LakeType.ListOf(union(la.element(), lb.element()));
        }
        return LakeType.Scalar.of(scalar(a.kind(), b.kind()));
    }

    /** The union of two kinds, for scalars; any pair involving RECORD or LIST that differs is STRING. */
    static Kind scalar(Kind a, Kind b) {
        if (a == b) {
            return a;
        }
        if (a == Kind.NULL) {
            return b;
        }
        if (b == Kind.NULL) {
            return a;
        }
        if (either(a, b, Kind.LONG, Kind.DOUBLE)) {
            return Kind.DOUBLE;
        }
        if (either(a, b, Kind.LONG, Kind.LONG_WIDE)) {
            return Kind.LONG_WIDE;
        }
        return Kind.STRING;
    }

    static LakeType.Struct struct(LakeType.Struct a, LakeType.Struct b) {
        List<LakeType.Field> fa = a.fields();
        List<LakeType.Field> fb = b.fields();
        List<LakeType.Field> out = new ArrayList<>(fa.size() + fb.size());
        int i = 0;
        int j = 0;
        while (i < fa.size() || j < fb.size()) {
            int c = i == fa.size()
                    ? 1
                    : j == fb.size() ? -1 : fa.get(i).name().compareTo(fb.get(j).name());
            if (c < 0) {
                out.add(fa.get(i++));
            } else if (c > 0) {
                out.add(fb.get(j++));
            } else {
                out.add(new LakeType.Field(
                        fa.get(i).name(), union(fa.get(i++).type(), fb.get(j++).type())));
            }
        }
        return new LakeType.Struct(out);
    }

    private static boolean either(Kind a, Kind b, Kind x, Kind y) {
        return (a == x && b == y) || (a == y && b == x);
    }
}

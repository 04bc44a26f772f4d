package io.fmslake.bench;

import io.fmslake.testkit.BlackholeProxy;
import io.fmslake.testkit.BlackholeProxy.Direction;
import io.fmslake.testkit.S3Endpoint;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * A counting proxy in front of the S3 server for one kind of service: every HTTP request that passes is counted by
 * method (the MinIO client sends one request per chunk it writes, never pipelined, so a request line starts a chunk).
 */
final class S3Requests implements BlackholeProxy.Inspector, AutoCloseable {
    enum Method {
        GET,
        HEAD,
        PUT,
        POST,
        DELETE
    }

    private final BlackholeProxy proxy;
    private final Map<Method, LongAdder> counts = new EnumMap<>(Method.class);

    private S3Requests(BlackholeProxy proxy) {
        this.proxy = proxy;
        for (Method m : Method.values()) {
            counts.put(m, new LongAdder());
        }
    }

    /** A proxy forwarding to {@code s3}; its {@link #endpoint()} goes into the services' {@code MINIO_ENDPOINT}. */
    static S3Requests to(S3Endpoint s3) {
        S3Requests r = new S3Requests(BlackholeProxy.to(s3.endpoint(), BlackholeProxy.Mode.FORWARD));
        r.proxy.inspect(r);
        return r;
    }

    String endpoint() {
        return proxy.endpoint();
    }

    @Override
    public void chunk(Direction direction, String head) {
        if (direction == Direction.REQUEST) {
            Method m = method(head);
            if (m != null) {
                counts.get(m).increment();
            }
        }
    }

    static Method method(String head) {
        int space = head.indexOf(' ');
        if (space < 3 || !head.regionMatches(space, " /", 0, 2)) {
            return null;
        }
        try {
            return Method.valueOf(head.substring(0, space));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Counts so far, for a later {@link #since(long[])}. */
    long[] snapshot() {
        long[] s = new long[Method.values().length];
        for (Method m : Method.values()) {
            s[m.ordinal()] = counts.get(m).sum();
        }
        return s;
    }

    /** The requests since {@code before}, e.g. "1,234 (GET 800, PUT 400, ...)", and their total. */
    static String describe(long[] before, long[] after) {
        StringBuilder b = new StringBuilder();
        long total = 0;
        for (Method m : Method.values()) {
            long n = after[m.ordinal()] - before[m.ordinal()];
            total += n;
            if (n > 0) {
                b.append(b.length() == 0 ? "" : ", ")
                        .append(m)
                        .append(' ')
                        .append(String.format(Locale.ROOT, "%,d", n));
            }
        }
        return String.format(Locale.ROOT, "%,d", total) + (b.length() == 0 ? "" : " (" + b + ")");
    }

    static long total(long[] before, long[] after) {
        long total = 0;
        for (int i = 0; i < after.length; i++) {
            total += after[i] - before[i];
        }
        return total;
    }

    @Override
    public void close() {
        proxy.close();
    }
}

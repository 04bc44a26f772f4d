package io.fmslake.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP proxy on a fixed local port in front of one target (e.g. the embedded S3 server), for fault tests. Modes,
 * switchable at any time, the port staying the same:
 * <ul>
 *   <li>{@link Mode#FORWARD}: bytes pass both ways (the default);</li>
 *   <li>{@link Mode#BLACKHOLE}: connections are accepted and their bytes read and dropped, nothing is forwarded and
 *       nothing answered: a store that hangs. Connections open at the switch go silent too and stay so;</li>
 *   <li>{@link Mode#REFUSE}: the port is closed and open connections are cut: a store that is down.</li>
 * </ul>
 * An {@link Inspector} sees the first bytes of each chunk before it is forwarded and may block, to place a pause
 * (SIGSTOP of a client) exactly between two requests of that client.
 */
public final class BlackholeProxy implements AutoCloseable {
    public enum Mode {
        FORWARD,
        BLACKHOLE,
        REFUSE
    }

    public enum Direction {
        REQUEST,
        RESPONSE
    }

    /** Called on the proxy's thread with the start of a chunk (ISO-8859-1, at most 256 bytes) before it is forwarded. */
    @FunctionalInterface
    public interface Inspector {
        void chunk(Direction direction, String head);
    }

    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "blackhole-proxy");
        t.setDaemon(true);
        return t;
    });
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private volatile Mode mode = Mode.REFUSE;
    private volatile Inspector inspector = (d, h) -> {};
    private ServerSocket listener;
    private boolean closed;

    private BlackholeProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.port = Ports.free();
    }

    /** A proxy forwarding to {@code host:port} (e.g. {@link S3Endpoint#endpoint()}). */
    public static BlackholeProxy to(String hostPort, Mode initial) {
        int colon = hostPort.lastIndexOf(':');
        BlackholeProxy p =
                new BlackholeProxy(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
        p.mode(initial);
        return p;
    }

    /** {@code 127.0.0.1:port}, to use as MINIO_ENDPOINT. */
    public String endpoint() {
        return "127.0.0.1:" + port;
    }

    public Mode mode() {
        return mode;
    }

    public void inspect(Inspector value) {
        inspector = value;
    }

    public synchronized void mode(Mode next) {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        Mode before = mode;
        mode = next;
        if (next == Mode.REFUSE) {
            closeQuietly(listener);
            listener = null;
            links.forEach(Link::close);
            return;
        }
        if (next == Mode.BLACKHOLE) {
            links.forEach(l -> l.silent = true);
        }
        if (before == Mode.REFUSE) {
            listen();
        }
    }

    private void listen() {
        try {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            listener = s;
            threads.execute(() -> accept(s));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + port, e);
        }
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket client = s.accept();
                Link link = new Link(client, mode == Mode.BLACKHOLE);
                links.add(link);
                threads.execute(link::run);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** One client connection and, unless silent from the start, its connection to the target. */
    private final class Link {
        final Socket client;
        volatile boolean silent;
        volatile Socket target;

        Link(Socket client, boolean silent) {
            this.client = client;
            this.silent = silent;
        }

        void run() {
            try {
                if (!silent) {
                    target = new Socket(targetHost, targetPort);
                    threads.execute(() -> pump(target, client, Direction.RESPONSE));
                }
                pump(client, target, Direction.REQUEST);
            } catch (IOException e) {
                close();
            }
        }

        /** Copies chunks until either side closes; drops them once the link is silent. */
        void pump(Socket from, Socket to, Direction direction) {
            byte[] buf = new byte[64 << 10];
            try (InputStream in = from.getInputStream()) {
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    if (silent || to == null) {
                        continue;
                    }
                    inspector.chunk(direction, new String(buf, 0, Math.min(n, 256), StandardCharsets.ISO_8859_1));
                    if (silent) {
                        continue;
                    }
                    OutputStream out = to.getOutputStream();
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side went away
            } finally {
                if (direction == Direction.REQUEST || !silent) {
                    close(); // the client left, or the target while forwarding
                } else {
                    closeQuietly(from);
                }
            }
        }

        void close() {
            links.remove(this);
            closeQuietly(client);
            closeQuietly(target);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                // already closed
            }
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            mode(Mode.REFUSE);
            closed = true;
            threads.shutdownNow();
        }
    }
}

package io.fmslake.collector.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fmslake.collector.metrics.CollectorMetrics;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Serves {@code /healthz}, {@code /readyz} and Prometheus {@code /metrics} with the JDK's HTTP server. */
public final class HttpEndpoints implements AutoCloseable {
    private final HttpServer server;

    private HttpEndpoints(HttpServer server) {
        this.server = server;
    }

    /** Binds the port (0 picks a free one) and starts serving. */
    public static HttpEndpoints start(int port, Health health, CollectorMetrics metrics) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(port), 16);
            server.createContext("/healthz", ex -> status(ex, health::live, health::describe));
            server.createContext("/readyz", ex -> status(ex, health::ready, health::describe));
            server.createContext(
                    "/metrics", ex -> respond(ex, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape()));
            server.setExecutor(Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "http");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return new HttpEndpoints(server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve HTTP on port " + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void status(HttpExchange ex, BooleanSupplier ok, Supplier<String> reason) throws IOException {
        boolean good = ok.getAsBoolean();
        respond(ex, good ? 200 : 503, "text/plain; charset=utf-8", reason.get() + "\n");
    }

    private static void respond(HttpExchange ex, int code, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        if ("HEAD".equals(ex.getRequestMethod())) {
            ex.sendResponseHeaders(code, -1);
            ex.close();
            return;
        }
        ex.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

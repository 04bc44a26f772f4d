package io.fmslake.collector;

import io.fmslake.collector.http.Serving;
import io.fmslake.config.ConfigException;
import io.fmslake.lake.StartupChecks;
import io.fmslake.status.Identity;
import io.fmslake.store.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The realtime collector's entry point. Configuration comes from environment variables only; the command line
 * offers just {@code --help} and {@code --version}. SIGTERM and SIGINT stop it gracefully (exit 0).
 */
@Command(
        name = "realtime-collector",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        usageHelpWidth = 110,
        description = {
            "Consumes KAFKA_TOPIC and writes one Parquet file per event-time minute to",
            "minute/YYYYMMDD_HHMM.parquet in MINIO_BUCKET, exactly once. Configured by environment variables."
        },
        footerHeading = "%nEnvironment (defaults in brackets):%n",
        footer = {
            "  KAFKA_BROKERS, KAFKA_TOPIC, MINIO_ENDPOINT, MINIO_ACCESS_KEY, MINIO_SECRET_KEY   required",
            "  KAFKA_GROUP_ID [fms-realtime-collector]   MINIO_BUCKET [fms-data]   MINIO_SECURE [false]",
            "  TIMEZONE [UTC]   EVENT_TIME_FIELD [Kafka timestamp]   WEEK_START [SUNDAY]   WINDOW_GRACE [20s]",
            "  START_OFFSET [latest]     where a partition without committed offset starts",
            "  BUFFER_MAX_BYTES [128MiB] cap on buffered records (heap estimate); pauses consumption",
            "  HTTP_PORT [8080]          /healthz, /readyz, /metrics",
            "  LOG_FORMAT [text]         text or json",
            "  SHUTDOWN_TIMEOUT [25s]    FLUSH_IDLE [1s]   LATE_FLUSH_INTERVAL [1m]   MAX_POLL_RECORDS [5000]",
            "  KAFKA_SESSION_TIMEOUT [45s]   STORE_UPLOAD_TIMEOUT [a third of it, at most 20s]",
            "  STORE_CONNECT_TIMEOUT [5s]    STORE_REQUEST_TIMEOUT [20s]",
            "  DECODE_THREADS, FLUSH_THREADS [from the cores]",
            "  See docs/contract.md for the full list (Kafka security, Parquet compression, strict schema)."
        })
public final class Main implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() {
        // first, so that a SIGTERM during start-up is a graceful stop (exit 0) too
        AtomicReference<Collector> started = new AtomicReference<>();
        AtomicBoolean stopRequested = new AtomicBoolean();
        Signals.onTerminate(() -> {
            stopRequested.set(true);
            Collector c = started.get();
            if (c != null) {
                c.stop();
            }
        });
        CollectorSettings settings;
        try {
            settings = CollectorSettings.fromEnv(System.getenv());
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        LOG.info(
                "realtime-collector {} starting with:\n  {}", Version.text(), String.join("\n  ", settings.describe()));
        CrashPoints crash = new CrashPoints(
                settings.crashPoint(), () -> Runtime.getRuntime().halt(137));
        Clock clock = Clock.systemUTC();
        Serving serving;
        try {
            serving = Serving.start(settings.httpPort(), clock);
        } catch (RuntimeException e) {
            LOG.error("realtime-collector failed", e);
            return 1;
        }
        LOG.info("serving /healthz, /readyz and /metrics on port {}", serving.port());
        Optional<ObjectStore> opened;
        try {
            opened = StoreWait.open(
                    settings.store(),
                    Identity.of("realtime-collector", Main.class).stamp(),
                    serving.health(),
                    stopRequested::get);
        } catch (RuntimeException e) {
            serving.close();
            LOG.error("realtime-collector failed", e);
            return 1;
        }
        if (opened.isEmpty()) {
            serving.close();
            LOG.info("stopped before consuming");
            return 0;
        }
        try (ObjectStore store =
                        StartupChecks.verifiedForWriting(opened.get(), settings.lake(), clock, "realtime-collector");
                Collector collector = new Collector(settings, store, clock, crash, serving)) {
            started.set(collector);
            if (stopRequested.get()) {
                LOG.info("stopped before consuming");
                return 0;
            }
            collector.run();
            LOG.info("stopped");
            return 0;
        } catch (ConfigException e) { // a start-up check refused the bucket
            System.err.println(e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            LOG.error("realtime-collector failed", e);
            return 1;
        }
    }

    /** The version from the jar's build properties. */
    static final class Version implements CommandLine.IVersionProvider {
        static String text() {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("/realtime-collector.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                return "unknown";
            }
            return p.getProperty("version", "unknown");
        }

        @Override
        public String[] getVersion() {
            return new String[] {"realtime-collector " + text()};
        }
    }
}

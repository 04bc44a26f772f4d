package io.fmslake.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The local run's settings, from the command line, checked all at once by {@link #problems()}. */
@Command(
        name = "local-stack",
        mixinStandardHelpOptions = true,
        version = "local-stack 1.0",
        usageHelpWidth = 110,
        description = {
            "Runs the whole FMS lake on this machine: an embedded KRaft Kafka broker and S3 server (S3Proxy)",
            "with their data under --data-dir, a sample FMS telemetry history loaded by the backfill-loader, then a",
            "live generator, the realtime-collector and the batch-merger (--schedule). Ctrl-C stops everything;",
            "the next run continues where it stopped. Started by ./deploy.sh local."
        })
final class LocalOptions {
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Kafka's and S3's data, the logs [${DEFAULT-VALUE}]")
    Path dataDir = Path.of("local-data");

    @Option(
            names = "--repo",
            paramLabel = "DIR",
            description = "checkout holding the built service jars (<module>/target/<module>.jar) [${DEFAULT-VALUE}]")
    Path repo = Path.of(".");

    @Option(names = "--kafka-port", paramLabel = "PORT", description = "Kafka bootstrap port [${DEFAULT-VALUE}]")
    int kafkaPort = 9092;

    @Option(
            names = "--controller-port",
            paramLabel = "PORT",
            description = "Kafka's KRaft controller port [${DEFAULT-VALUE}]")
    int controllerPort = 9093;

    @Option(names = "--s3-port", paramLabel = "PORT", description = "S3 endpoint port [${DEFAULT-VALUE}]")
    int s3Port = 9000;

    @Option(
            names = "--metrics-port",
            paramLabel = "PORT",
            description = "collector's /healthz, /readyz, /metrics port [${DEFAULT-VALUE}]")
    int metricsPort = 8080;

    @Option(names = "--topic", paramLabel = "NAME", description = "Kafka topic (3 partitions) [${DEFAULT-VALUE}]")
    String topic = "fms-telemetry";

    @Option(names = "--bucket", paramLabel = "NAME", description = "S3 bucket [${DEFAULT-VALUE}]")
    String bucket = "fms-data";

    @Option(
            names = "--history-days",
            paramLabel = "N",
            description = "days of history generated on the first run [${DEFAULT-VALUE}]")
    int historyDays = 9;

    @Option(names = "--history-records", paramLabel = "N", description = "records in that history [${DEFAULT-VALUE}]")
    int historyRecords = 200_000;

    @Option(names = "--sites", paramLabel = "N", description = "sites (facilities) [${DEFAULT-VALUE}]")
    int sites = 4;

    @Option(
            names = "--equipment-per-site",
            paramLabel = "N",
            description = "pieces of equipment per site [${DEFAULT-VALUE}]")
    int equipmentPerSite = 5;

    @Option(
            names = "--bad-per-mille",
            paramLabel = "N",
            description =
                    "bad messages (broken JSON, no event time, not an object) " + "per 1000 records [${DEFAULT-VALUE}]")
    int badPerMille = 2;

    @Option(
            names = "--rate",
            paramLabel = "N",
            description = "live records per second after the history (0: no live data) [${DEFAULT-VALUE}]")
    double rate = 20;

    @Option(
            names = "--timezone",
            paramLabel = "ZONE",
            description = "TIMEZONE of the services: how windows and names are cut [${DEFAULT-VALUE}]")
    String timezone = "UTC";

    @Option(names = "--week-start", paramLabel = "DAY", description = "WEEK_START of the services [${DEFAULT-VALUE}]")
    DayOfWeek weekStart = DayOfWeek.SUNDAY;

    @Option(
            names = "--service-heap",
            paramLabel = "SIZE",
            description = "-Xmx of the collector and merger [${DEFAULT-VALUE}]")
    String serviceHeap = "512m";

    @Option(
            names = "--backfill-heap",
            paramLabel = "SIZE",
            description = "-Xmx of the backfill-loader [${DEFAULT-VALUE}]")
    String backfillHeap = "1g";

    /** Every invalid setting, one message each; empty when all are usable. */
    List<String> problems() {
        List<String> p = new ArrayList<>();
        for (int port : new int[] {kafkaPort, controllerPort, s3Port, metricsPort}) {
            check(p, port >= 1 && port <= 65535, "port " + port + " is not in 1..65535");
        }
        check(
                p,
                List.of(kafkaPort, controllerPort, s3Port, metricsPort).stream()
                                .distinct()
                                .count()
                        == 4,
                "--kafka-port, --controller-port, --s3-port and --metrics-port must differ");
        check(p, TOPIC.matcher(topic).matches(), "--topic '" + topic + "' is not a Kafka topic name");
        check(
                p,
                BUCKET.matcher(bucket).matches(),
                "--bucket '" + bucket + "' is not an S3 bucket name (3-63 of a-z 0-9 . -)");
        check(p, historyDays >= 0 && historyDays <= 60, "--history-days must be 0..60");
        check(p, historyRecords >= 0 && historyRecords <= 50_000_000, "--history-records must be 0..50000000");
        check(p, sites >= 1 && sites <= 100, "--sites must be 1..100");
        check(p, equipmentPerSite >= 1 && equipmentPerSite <= 100, "--equipment-per-site must be 1..100");
        check(p, badPerMille >= 0 && badPerMille <= 1000, "--bad-per-mille must be 0..1000");
        check(p, rate >= 0 && rate <= 100_000, "--rate must be 0..100000 records per second");
        try {
            ZoneId.of(timezone);
        } catch (DateTimeException e) {
            p.add("--timezone '" + timezone + "' is not a zone id (" + e.getMessage() + ")");
        }
        check(
                p,
                serviceHeap.matches("\\d+[kKmMgG]?"),
                "--service-heap '" + serviceHeap + "' is not a JVM size like 512m");
        check(
                p,
                backfillHeap.matches("\\d+[kKmMgG]?"),
                "--backfill-heap '" + backfillHeap + "' is not a JVM size like 1g");
        for (String module : ServiceJars.MODULES) {
            Path jar = ServiceJars.jar(repo, module);
            check(p, Files.isRegularFile(jar), jar + " is missing: build it first (mvn -B -q -DskipTests package)");
        }
        check(p, !Files.exists(dataDir) || Files.isDirectory(dataDir), "--data-dir " + dataDir + " is not a directory");
        return p;
    }

    ZoneId zone() {
        return ZoneId.of(timezone);
    }

    private static void check(List<String> problems, boolean ok, String message) {
        if (!ok) {
            problems.add(message);
        }
    }
}

package io.fmslake.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.stream.Collectors;

/** What the user is told once the stack runs: the lake (merger {@code status}), the URLs, keys and logs. */
final class Guide {
    private final LocalOptions o;
    private final ServiceEnv env;
    private final PrintStream out;

    Guide(LocalOptions options, ServiceEnv env, PrintStream out) {
        this.o = options;
        this.env = env;
        this.out = out;
    }

    /** Writes {@code <data>/local.env}: the services' variables, to source before running a jar by hand. */
    Path writeEnvFile(Path dataDir) {
        Path file = dataDir.resolve("local.env");
        String text = env.common().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(
                        "\n", "# the local stack's service settings: set -a; . " + file + "; set +a\n", "\n"));
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** The merger's {@code status}, with the (many, small) errors/ files summed up rather than listed. */
    void printLake(Services services) {
        ChildJvm.Result r = services.merger(Duration.ofMinutes(2), "status");
        boolean inErrors = false;
        long errorFiles = 0;
        for (String line : r.stdout().split("\n")) {
            if (line.startsWith("== ")) {
                inErrors = line.startsWith("== errors/");
            }
            if (inErrors && line.startsWith("  errors/")) {
                errorFiles++;
                continue;
            }
            out.println("  " + line);
        }
        if (errorFiles > 0) {
            out.printf("  (%d dead-letter files under errors/ not listed)%n", errorFiles);
        }
        if (r.exit() != 0) {
            out.printf(
                    "  batch-merger status exited %d; see %s%n",
                    r.exit(), services.logs().resolve("batch-merger-cli.log"));
        }
    }

    void printWhereToLook(Path dataDir, Path envFile, Path logs) {
        Map<String, String> e = env.common();
        out.println();
        out.println("Where to look:");
        out.printf("  collector metrics   http://127.0.0.1:%d/metrics   (also /healthz, /readyz)%n", o.metricsPort);
        out.printf(
                "  S3 endpoint         http://%s   bucket %s   path-style, no TLS, region us-east-1%n",
                e.get("MINIO_ENDPOINT"), o.bucket);
        out.printf("  S3 keys             access %s   secret %s%n", S3Node.ACCESS_KEY, S3Node.SECRET_KEY);
        out.printf(
                "  e.g.                AWS_ACCESS_KEY_ID=%s AWS_SECRET_ACCESS_KEY=%s aws --endpoint-url http://%s s3 ls --recursive s3://%s/%n",
                S3Node.ACCESS_KEY, S3Node.SECRET_KEY, e.get("MINIO_ENDPOINT"), o.bucket);
        out.printf(
                "  Kafka               %s   topic %s (%d partitions)%n",
                e.get("KAFKA_BROKERS"), o.topic, Topic.PARTITIONS);
        out.printf(
                "  logs                %s/{realtime-collector,batch-merger,backfill-loader,local-stack}.log%n", logs);
        out.printf("  data                %s (delete it, stopped, to start from scratch)%n", dataDir);
        out.printf(
                "  lake status again   set -a; . %s; set +a; java -jar %s status%n",
                envFile, ServiceJars.jar(o.repo, ServiceJars.MERGER));
        out.println("  merges              hour at :01, day at 00:05, week Monday 00:10 (" + o.timezone + ")");
    }

    /** Says which tiers cannot exist yet at this moment (the layout, not a fault). */
    void printTierNotes(Instant now) {
        ZonedDateTime local = now.atZone(o.zone());
        if (local.getDayOfWeek() == o.weekStart) {
            out.printf(
                    "  note: today (%s) starts a new week, so day/ files appear after midnight, once today is closed%n",
                    local.getDayOfWeek());
        }
        if (local.getHour() == 0) {
            out.println("  note: it is the first hour of the day, so hour/ files appear after 01:00 (+ grace)");
        }
    }
}

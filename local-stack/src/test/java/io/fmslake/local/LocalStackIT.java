package io.fmslake.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.config.LakeSettings;
import io.fmslake.store.ObjectStore;
import io.fmslake.store.ObjectStores;
import io.fmslake.store.StoredObject;
import io.fmslake.testkit.DuckDb;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local command end to end, as {@code ./deploy.sh local} runs it (minus the Maven build, which the reactor did):
 * the local-stack jar as a child process, with a small history (3,000 records over 9 days) and its own ports and
 * data folder. Within 2 minutes of the start the bucket must hold files in all four tiers and the merger's
 * {@code verify} must report 0 missing and 0 duplicated; SIGTERM stops every process with status 0; a second run
 * on the same folder keeps the history and is clean again.
 *
 * <p>The service jars come from the reactor: local-stack is built after the three services, and its package phase
 * (local-stack.jar and target/lib) runs before this integration-test phase.
 */
class LocalStackIT {
    private static final Duration FOUR_TIERS_DEADLINE = Duration.ofMinutes(2);
    private static final Pattern VERIFY = Pattern.compile("expected (\\d+), missing (\\d+), duplicated (\\d+)");

    @TempDir
    Path work;

    @Test
    void oneCommandBringsUpTheWholeLakeAndRestartsWhereItStopped() throws Exception {
        Path repo = Path.of("").toAbsolutePath().getParent();
        Instant start = Instant.now();
        ZoneId zone = zoneWhereEveryTierCanExist(start);
        DayOfWeek weekStart =
                start.atZone(zone).getDayOfWeek() == DayOfWeek.SUNDAY ? DayOfWeek.MONDAY : DayOfWeek.SUNDAY;
        Path data = work.resolve("local-data");
        int metricsPort = freePort();
        List<String> args = List.of(
                "--repo",
                repo.toString(),
                "--data-dir",
                data.toString(),
                "--history-records",
                "3000",
                "--rate",
                "5",
                "--kafka-port",
                Integer.toString(freePort()),
                "--controller-port",
                Integer.toString(freePort()),
                "--s3-port",
                Integer.toString(freePort()),
                "--metrics-port",
                Integer.toString(metricsPort),
                "--timezone",
                zone.getId(),
                "--week-start",
                weekStart.name(),
                "--service-heap",
                "384m",
                "--backfill-heap",
                "512m");

        try (LocalRun run = LocalRun.start(repo, work.resolve("first-run.txt"), args)) {
            assertTrue(run.awaitOutput("local stack is up", Duration.ofSeconds(100)), run.output());
            assertTrue(run.output().contains("3000 records from 20 devices at 4 sites"), run.output());
            Map<String, String> env = LocalRun.envFile(data.resolve("local.env"));

            Duration toFourTiers = awaitFourTiers(env, start);
            Duration toVerified = awaitVerified(repo, env, start);
            System.out.printf(
                    "LocalStackIT: four tiers after %.1f s, verify clean after %.1f s (zone %s, week start %s)%n",
                    toFourTiers.toMillis() / 1e3, toVerified.toMillis() / 1e3, zone, weekStart);
            assertTrue(toVerified.compareTo(FOUR_TIERS_DEADLINE) <= 0, "verify clean only after " + toVerified);

            String metrics = get("http://127.0.0.1:" + metricsPort + "/metrics");
            assertTrue(metrics.contains("fms_collector_records_consumed_total"), metrics);
            assertReadmeQueryAnswers(env, work.resolve("download"));

            List<ProcessHandle> children = run.children();
            assertEquals(2, children.size(), "collector and merger run as child JVMs: " + run.output());
            assertEquals(0, run.terminate(Duration.ofSeconds(90)), run.output());
            assertTrue(run.output().contains("realtime-collector stopped (exit 0)"), run.output());
            assertTrue(run.output().contains("batch-merger stopped (exit 0)"), run.output());
            children.forEach(c -> assertFalse(c.isAlive(), "child " + c.pid() + " outlived the stop"));
        }

        try (LocalRun again = LocalRun.start(repo, work.resolve("second-run.txt"), args)) {
            assertTrue(again.awaitOutput("local stack is up", Duration.ofSeconds(100)), again.output());
            assertTrue(again.output().contains("the history included: not generated again"), again.output());
            assertFalse(again.output().contains("==> Generating"), again.output());
            Map<String, String> env = LocalRun.envFile(data.resolve("local.env"));
            Matcher m = verify(repo, env);
            assertTrue(Long.parseLong(m.group(1)) > 3000, "history plus live records: " + m.group());
            assertEquals(0, again.terminate(Duration.ofSeconds(90)), again.output());
        }
    }

    /**
     * A zone in which it is now between 02:00 and 22:59, so that closed hours of today exist (hour/ files) and the
     * test does not cross midnight. UTC whenever it qualifies. Day files also need a closed day in the current week,
     * hence WEEK_START MONDAY when today is the default week start, Sunday. Week files need no help: 9 days always
     * hold a whole closed week's days.
     */
    private static ZoneId zoneWhereEveryTierCanExist(Instant now) {
        for (int h : new int[] {0, -3, 3, -6, 6, -9, 9, -12, 12}) {
            ZoneId zone = h == 0 ? ZoneId.of("UTC") : ZoneId.of("Etc/GMT" + (h > 0 ? "-" : "+") + Math.abs(h));
            int hour = ZonedDateTime.ofInstant(now, zone).getHour();
            if (hour >= 2 && hour <= 22) {
                return zone;
            }
        }
        throw new IllegalStateException("no zone found");
    }

    private static Duration awaitFourTiers(Map<String, String> env, Instant start) throws InterruptedException {
        try (ObjectStore store =
                ObjectStores.open(LakeSettings.fromEnv(env, "it").store())) {
            List<String> missing = new ArrayList<>();
            while (Duration.between(start, Instant.now()).compareTo(FOUR_TIERS_DEADLINE) <= 0) {
                missing.clear();
                for (String tier : List.of("minute/", "hour/", "day/", "week/")) {
                    if (store.list(tier).stream().noneMatch(o -> o.key().endsWith(".parquet"))) {
                        missing.add(tier);
                    }
                }
                if (missing.isEmpty()) {
                    return Duration.between(start, Instant.now());
                }
                Thread.sleep(1000);
            }
            throw new AssertionError("no files in " + missing + " within " + FOUR_TIERS_DEADLINE);
        }
    }

    /** Runs verify until it is clean (a merge publishing at that moment doubles rows briefly), within the deadline. */
    private static Duration awaitVerified(Path repo, Map<String, String> env, Instant start) throws Exception {
        Matcher last = null;
        while (Duration.between(start, Instant.now()).compareTo(FOUR_TIERS_DEADLINE) <= 0) {
            last = verify(repo, env);
            if (last.group(2).equals("0") && last.group(3).equals("0")) {
                return Duration.between(start, Instant.now());
            }
            Thread.sleep(2000);
        }
        throw new AssertionError(
                "verify not clean within " + FOUR_TIERS_DEADLINE + ": " + (last == null ? "not run" : last.group()));
    }

    private static Matcher verify(Path repo, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-jar",
                        repo.resolve("batch-merger/target/batch-merger.jar").toString(),
                        "verify")
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        Matcher m = VERIFY.matcher(out);
        assertTrue(m.find(), "verify printed no summary (exit " + exit + "): " + out);
        assertEquals(m.group(2).equals("0") && m.group(3).equals("0") ? 0 : 1, exit, out);
        return m;
    }

    /** README's "Query it" example over the downloaded tiers: average temperature per site and hour. */
    private static void assertReadmeQueryAnswers(Map<String, String> env, Path lake) throws IOException {
        try (ObjectStore store =
                ObjectStores.open(LakeSettings.fromEnv(env, "it").store())) {
            for (String tier : List.of("minute/", "hour/", "day/", "week/")) {
                for (StoredObject o : store.list(tier)) {
                    Files.createDirectories(lake.resolve(tier));
                    store.download(o.key(), lake.resolve(o.key()));
                }
            }
        }
        String files = String.join(
                ", ",
                List.of("minute", "hour", "day", "week").stream()
                        .map(t -> "'" + lake.resolve(t) + "/*.parquet'")
                        .toList());
        try (DuckDb db = DuckDb.open()) {
            List<Map<String, Object>> rows = db.query("SELECT site, date_trunc('hour', _event_time) AS hour, "
                    + "round(avg(readings.temperature_c), 1) AS avg_temp_c, count(*) AS readings "
                    + "FROM read_parquet([" + files + "], union_by_name = true) GROUP BY ALL ORDER BY hour, site");
            // a small history leaves some site-hours empty: ask for well over six days of the nine
            assertTrue(rows.size() > 4 * 24 * 6, "hours of 4 sites over 9 days: " + rows.size());
            assertEquals(4L, rows.stream().map(r -> r.get("site")).distinct().count());
            rows.forEach(r -> assertTrue(
                    ((Number) r.get("avg_temp_c")).doubleValue() > -10
                            && ((Number) r.get("avg_temp_c")).doubleValue() < 90,
                    r.toString()));
        }
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), url);
        return r.body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}

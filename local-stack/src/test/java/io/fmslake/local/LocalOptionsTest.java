package io.fmslake.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LocalOptionsTest {
    private static LocalOptions parse(String... args) {
        LocalOptions o = new LocalOptions();
        new CommandLine(o).parseArgs(args);
        return o;
    }

    @Test
    void theBuiltJarsAndDefaultsAreValid() {
        Path repo = Path.of("").toAbsolutePath().getParent();
        LocalOptions o = parse("--repo", repo.toString());
        boolean built = ServiceJars.MODULES.stream()
                .allMatch(m -> ServiceJars.jar(repo, m).toFile().isFile());
        assertEquals(
                built
                        ? List.of()
                        : o.problems().stream()
                                .filter(p -> p.contains("is missing"))
                                .toList(),
                o.problems());
        assertEquals(9092, o.kafkaPort);
        assertEquals(9000, o.s3Port);
        assertEquals(8080, o.metricsPort);
        assertEquals(9, o.historyDays);
    }

    @Test
    void everyBadSettingIsReportedAtOnce() {
        LocalOptions o = parse(
                "--repo",
                "/nonexistent",
                "--kafka-port",
                "70000",
                "--s3-port",
                "8080",
                "--bucket",
                "x",
                "--timezone",
                "Mars/Olympus",
                "--rate",
                "-1",
                "--service-heap",
                "lots");
        List<String> p = o.problems();
        for (String expected : List.of(
                "port 70000",
                "must differ",
                "--bucket 'x'",
                "--timezone 'Mars/Olympus'",
                "--rate",
                "--service-heap 'lots'",
                "/nonexistent/realtime-collector/target/realtime-collector.jar is missing")) {
            assertTrue(p.stream().anyMatch(s -> s.contains(expected)), expected + " in " + p);
        }
    }
}

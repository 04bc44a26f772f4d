package io.fmslake.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.config.LakeSettings;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JvmProcessIT {
    private final Map<String, String> env =
            LakeEnv.of(() -> "127.0.0.1:9092", "fms-topic", EmbeddedS3.shared(), "fms-data");

    @Test
    void lakeEnvIsAValidServiceConfiguration() {
        LakeSettings settings = LakeSettings.fromEnv(env, "fms-test");
        assertEquals("fms-topic", settings.kafka().topic());
        assertEquals(EmbeddedS3.shared().endpoint(), settings.store().endpoint());
        assertEquals(EmbeddedS3.SECRET_KEY, settings.store().secretKey().reveal());
    }

    @Test
    void sigtermRunsShutdownHooks() {
        try (JvmProcess p =
                JvmProcess.of(SampleMain.class).env(env).args("a", "b").start()) {
            // the child prints two lines; the reader may hand over the first before the second
            assertTrue(p.awaitOutput("env names=", Duration.ofSeconds(60)), p.output());
            assertTrue(p.output().contains("started topic=fms-topic args=a,b"), p.output());
            String names = p.output()
                    .lines()
                    .filter(l -> l.startsWith("env names="))
                    .findFirst()
                    .orElseThrow();
            Set<String> allowed = new HashSet<>(env.keySet());
            allowed.addAll(List.of("PATH", "HOME", "LANG", "TMPDIR"));
            assertTrue(
                    allowed.containsAll(
                            List.of(names.substring("env names=".length()).split(","))),
                    "only the given environment reaches the child: " + names);
            p.terminate();
            assertEquals(143, p.awaitExit(Duration.ofSeconds(30)));
            assertTrue(p.output().contains("shutdown hook ran"), p.output());
        }
    }

    @Test
    void killNineSkipsShutdownHooks() {
        try (JvmProcess p = JvmProcess.of(SampleMain.class).env(env).start()) {
            assertTrue(p.awaitOutput("started", Duration.ofSeconds(60)), p.output());
            p.kill();
            assertFalse(p.alive());
            assertEquals(137, p.awaitExit(Duration.ofSeconds(1)));
            assertFalse(p.output().contains("shutdown hook ran"), p.output());
        }
    }

    @Test
    void exitCodesAreReported() {
        try (JvmProcess p =
                JvmProcess.of(SampleMain.class.getName()).args("exit=3").start()) {
            assertEquals(3, p.awaitExit(Duration.ofSeconds(60)));
            assertTrue(p.output().contains("started topic=null"), p.output());
        }
    }
}

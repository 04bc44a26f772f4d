package io.fmslake.backfill;

import io.fmslake.testkit.JvmProcess;
import io.fmslake.testkit.Ports;
import java.nio.file.Path;
import java.util.Map;

/**
 * The real realtime collector, run as Kubernetes runs it: {@code java -jar realtime-collector.jar} (the module's
 * shaded jar, built before this module: see the pom), with only the given environment.
 */
final class CollectorProcess {
    static final Path JAR = Path.of("..", "realtime-collector", "target", "realtime-collector.jar");

    private CollectorProcess() {}

    static JvmProcess start(Map<String, String> env) {
        return JvmProcess.ofJar(JAR)
                .jvmArgs("-Xmx256m")
                .env(env)
                .env("HTTP_PORT", Integer.toString(Ports.free()))
                .start();
    }
}

package io.fmslake.merger;

import io.fmslake.store.ObjectStores;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Entry point: wires settings from the environment, the bucket, the clock and the command line. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        if ("json".equalsIgnoreCase(env.getOrDefault("LOG_FORMAT", "text").trim())) {
            System.setProperty("logback.configurationFile", "logback-json.xml");
        }
        System.exit(Cli.build(() -> context(env)).execute(args));
    }

    private static MergerContext context(Map<String, String> env) {
        MergerSettings settings = MergerSettings.fromEnv(env);
        Logger log = LoggerFactory.getLogger(Main.class);
        log.info("batch-merger settings:\n  {}", String.join("\n  ", settings.describe()));
        return new MergerContext(settings, s -> ObjectStores.open(s.lake().store()), Clock.systemUTC(),
                CrashHookFromEnv.from(env), System.out);
    }
}

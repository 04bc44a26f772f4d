package io.fmslake.merger;

import io.fmslake.lake.StartupChecks;
import io.fmslake.status.Identity;
import io.fmslake.store.ObjectStore;
import io.fmslake.store.ObjectStores;
import io.fmslake.store.StoreRetry;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point: wires settings from the environment, the bucket (checked at first use: {@link StartupChecks}), the
 * clock and the command line.
 */
public final class Main {
    /** Commands that only read the lake: a read-only MinIO policy suffices, so their checks never write. */
    private static final Set<String> READ_ONLY = Set.of("status", "verify");

    private Main() {}

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        if ("json".equalsIgnoreCase(env.getOrDefault("LOG_FORMAT", "text").trim())) {
            System.setProperty("logback.configurationFile", "logback-json.xml");
        }
        boolean readOnly = Arrays.stream(args)
                .filter(a -> !a.startsWith("-"))
                .findFirst()
                .filter(READ_ONLY::contains)
                .isPresent();
        System.exit(Cli.build(() -> context(env, readOnly)).execute(args));
    }

    private static MergerContext context(Map<String, String> env, boolean readOnly) {
        MergerSettings settings = MergerSettings.fromEnv(env);
        Logger log = LoggerFactory.getLogger(Main.class);
        log.info("batch-merger settings:\n  {}", String.join("\n  ", settings.describe()));
        Clock clock = Clock.systemUTC();
        return new MergerContext(
                settings, s -> open(s, clock, readOnly), clock, CrashHookFromEnv.from(env), System.out);
    }

    private static ObjectStore open(MergerSettings s, Clock clock, boolean readOnly) {
        ObjectStore store = ObjectStores.open(
                s.lake().store(),
                StoreRetry.defaults(),
                Identity.of("batch-merger", Main.class).stamp());
        return readOnly
                ? StartupChecks.verifiedForReading(store, s.lake(), clock)
                : StartupChecks.verifiedForWriting(store, s.lake(), clock, "batch-merger");
    }
}

package io.fmslake.store;

import io.fmslake.config.LakeSettings;
import java.nio.charset.StandardCharsets;

/**
 * A main class for {@link PrivateCaTruststoreIT}: opens the store from the environment (MINIO_SECURE=true), as the
 * services do, writes and reads one object, prints {@code tls ok}; exits 1 with the failure otherwise.
 */
public final class TlsProbeMain {
    private TlsProbeMain() {}

    public static void main(String[] args) {
        try (ObjectStore store = ObjectStores.open(
                LakeSettings.fromEnv(System.getenv(), "tls-probe").store(),
                new StoreRetry(1, java.time.Duration.ofMillis(100), java.time.Duration.ofMillis(200)))) {
            store.put("tls/probe.txt", "over https".getBytes(StandardCharsets.UTF_8));
            System.out.println(
                    "tls ok: " + store.stat("tls/probe.txt").orElseThrow().size() + " bytes");
        } catch (RuntimeException e) {
            System.out.println("tls failed: " + e + (e.getCause() == null ? "" : " caused by " + e.getCause()));
            System.exit(1);
        }
    }
}

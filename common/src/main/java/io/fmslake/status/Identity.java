package io.fmslake.status;

import io.fmslake.store.UserMetadata;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Objects;

/**
 * Who writes a job status: the service, its version (from the jar's manifest, {@code dev} outside a jar) and the host
 * (on Kubernetes the pod's name, from {@code HOSTNAME}).
 */
public record Identity(String service, String version, String host) {
    public Identity {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(host, "host");
    }

    /** The identity of this process, with the version of the jar that holds {@code main}. */
    public static Identity of(String service, Class<?> main) {
        String version = main.getPackage() == null ? null : main.getPackage().getImplementationVersion();
        return new Identity(service, version == null ? "dev" : version, localHost());
    }

    /** The stamp every object this process writes carries: {@code fms-service}, {@code fms-version}. */
    public UserMetadata stamp() {
        return UserMetadata.writer(service, version);
    }

    private static String localHost() {
        String host = System.getenv().getOrDefault("HOSTNAME", "");
        if (!host.isBlank()) {
            return host;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}

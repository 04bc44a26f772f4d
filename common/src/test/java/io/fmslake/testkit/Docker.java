package io.fmslake.testkit;

import org.testcontainers.DockerClientFactory;

/** Whether a Docker engine is reachable, for the Testcontainers variants of the ITs. */
public final class Docker {
    private static Boolean available;

    private Docker() {}

    /** True if Testcontainers finds a Docker engine; checked once per JVM. */
    public static synchronized boolean available() {
        if (available == null) {
            boolean found;
            try {
                found = DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException | LinkageError e) {
                found = false;
            }
            available = found;
        }
        return available;
    }
}

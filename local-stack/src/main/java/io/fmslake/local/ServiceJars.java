package io.fmslake.local;

import java.nio.file.Path;
import java.util.List;

/** Where the services' runnable jars are: {@code <repo>/<module>/target/<module>.jar}, as {@code mvn package} builds them. */
final class ServiceJars {
    static final String COLLECTOR = "realtime-collector";
    static final String MERGER = "batch-merger";
    static final String BACKFILL = "backfill-loader";
    static final List<String> MODULES = List.of(COLLECTOR, MERGER, BACKFILL);

    private ServiceJars() {}

    static Path jar(Path repo, String module) {
        return repo.resolve(module)
                .resolve("target")
                .resolve(module + ".jar")
                .toAbsolutePath()
                .normalize();
    }
}

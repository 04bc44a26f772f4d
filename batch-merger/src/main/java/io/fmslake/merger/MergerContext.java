package io.fmslake.merger;

import io.fmslake.merge.CrashPoint;
import io.fmslake.merge.MergeEngine;
import io.fmslake.merge.MergeOptions;
import io.fmslake.merge.MergePlanner;
import io.fmslake.merge.Tiering;
import io.fmslake.merge.WindowLeases;
import io.fmslake.parquet.ParquetOptions;
import io.fmslake.status.Identity;
import io.fmslake.status.StatusRecorder;
import io.fmslake.store.ObjectStore;
import io.fmslake.window.WindowCodec;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the commands run against: settings, the bucket, the clock, the crash hook and where to print. Main builds one;
 * tests build one around the embedded servers.
 */
final class MergerContext implements AutoCloseable {
    private final MergerSettings settings;
    private final Function<MergerSettings, ObjectStore> storeFactory;
    private final Clock clock;
    private final CrashPoint.Hook hook;
    private final PrintStream out;
    private ObjectStore store;

    MergerContext(
            MergerSettings settings,
            Function<MergerSettings, ObjectStore> storeFactory,
            Clock clock,
            CrashPoint.Hook hook,
            PrintStream out) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.storeFactory = Objects.requireNonNull(storeFactory, "storeFactory");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.hook = Objects.requireNonNull(hook, "hook");
        this.out = Objects.requireNonNull(out, "out");
    }

    MergerSettings settings() {
        return settings;
    }

    synchronized ObjectStore store() {
        if (store == null) {
            store = storeFactory.apply(settings);
        }
        return store;
    }

    /** The bucket if it has been opened (and passed its start-up checks); never opens it. */
    synchronized Optional<ObjectStore> openedStore() {
        return Optional.ofNullable(store);
    }

    /** Records the status of {@code job} in the bucket opened by the run (nothing if it never opened). */
    StatusRecorder recorder(String job) {
        return new StatusRecorder(this::openedStore, job, Identity.of("batch-merger", Main.class), clock);
    }

    Clock clock() {
        return clock;
    }

    PrintStream out() {
        return out;
    }

    WindowCodec codec() {
        return new WindowCodec(settings.lake().zone(), settings.lake().weekStart());
    }

    Tiering tiering() {
        return new Tiering(codec(), settings.lake().windowGrace());
    }

    MergePlanner planner() {
        return new MergePlanner(store(), tiering(), settings.sizes().targetFileBytes());
    }

    /** The leases of target windows, for one run (its own owner id). */
    WindowLeases leases() {
        return WindowLeases.of(store(), codec(), settings.leaseTtl(), settings.leaseWait(), clock);
    }

    MergeEngine engine() {
        ParquetOptions parquet = new ParquetOptions(settings.lake().compression(), settings.rowGroupBytes(), 1 << 20);
        MergeOptions options = new MergeOptions(
                settings.tmpDir(),
                parquet,
                settings.byteCopyMinRowGroupBytes(),
                settings.hourByteCopy(),
                settings.lake().kafka().topic(),
                false,
                settings.mergeThreads());
        options = settings.sizes().applyTo(options);
        return new MergeEngine(store(), options, clock, hook);
    }

    @Override
    public synchronized void close() {
        if (store != null) {
            store.close();
            store = null;
        }
    }
}

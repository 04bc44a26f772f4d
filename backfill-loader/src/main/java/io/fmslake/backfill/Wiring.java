package io.fmslake.backfill;

import io.fmslake.backfill.progress.StatusReporter;
import io.fmslake.config.KafkaSettings;
import io.fmslake.config.StoreSettings;
import io.fmslake.kafka.KafkaClients;
import io.fmslake.lake.StartupChecks;
import io.fmslake.status.Identity;
import io.fmslake.status.JobStatus;
import io.fmslake.status.StatusRecorder;
import io.fmslake.store.ObjectStore;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** The process's clients (one object store, one admin client) and the run built on them. Closes them all. */
final class Wiring implements AutoCloseable {
    private final BackfillSettings settings;
    private final ObjectStore store;
    private final Admin admin;
    private final Clock clock;
    private final PrintStream terminal;
    private final TestHooks hooks;

    private Wiring(
            BackfillSettings settings,
            ObjectStore store,
            Admin admin,
            Clock clock,
            PrintStream terminal,
            TestHooks hooks) {
        this.settings = settings;
        this.store = store;
        this.admin = admin;
        this.clock = clock;
        this.terminal = terminal;
        this.hooks = hooks;
    }

    static Wiring open(
            BackfillSettings settings,
            Function<StoreSettings, ObjectStore> stores,
            Clock clock,
            PrintStream terminal,
            TestHooks hooks) {
        ObjectStore store = StartupChecks.verifiedForWriting(
                stores.apply(settings.lake().store()), settings.lake(), clock, "backfill-loader");
        try {
            Admin admin = Admin.create(adminProperties(settings.lake().kafka()));
            return new Wiring(settings, store, admin, clock, terminal, hooks);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** @param tierClock the clock tiers are chosen by (the wall clock unless {@code --now}) */
    Summary run(boolean fromEarliest, Clock tierClock) throws InterruptedException {
        Components components = new Components(settings, store, clock, hooks.mergeHook());
        StatusRecorder recorder = new StatusRecorder(
                () -> Optional.of(store), statusJob(settings), Identity.of("backfill-loader", Main.class), clock);
        return new BackfillRun(
                        settings,
                        components,
                        admin,
                        () -> new KafkaConsumer<>(
                                consumerProperties(settings.lake().kafka())),
                        clock,
                        tierClock,
                        terminal,
                        fromEarliest,
                        hooks,
                        new StatusReporter(recorder, clock, settings.progressInterval()))
                .run();
    }

    /**
     * The status object's job: {@code backfill} for one pod; {@code backfill-<index>} for each pod of an Indexed Job,
     * so that the pods do not overwrite each other's progress (or a failure with another pod's success).
     */
    static String statusJob(BackfillSettings settings) {
        return settings.shard().count() == 1
                ? JobStatus.BACKFILL
                : JobStatus.BACKFILL + "-" + settings.shard().index();
    }

    /**
     * The shared consumer settings (raw bytes, read_committed, large fetches); partitions are assigned and nothing
     * is committed by the consumer. Fetch sizes are capped so that fetched data stays small next to the buffers.
     */
    static Properties consumerProperties(KafkaSettings kafka) {
        return KafkaClients.consumer(
                kafka,
                Map.of(
                        ConsumerConfig.CLIENT_ID_CONFIG, kafka.groupId(),
                        ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(32 << 20),
                        ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(8 << 20)));
    }

    static Properties adminProperties(KafkaSettings kafka) {
        return KafkaClients.admin(kafka, Map.of("client.id", kafka.groupId() + "-admin"));
    }

    @Override
    public void close() {
        try {
            admin.close();
        } finally {
            store.close();
        }
    }
}

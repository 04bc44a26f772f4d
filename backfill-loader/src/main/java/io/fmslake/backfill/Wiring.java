package io.fmslake.backfill;

import io.fmslake.config.KafkaSettings;
import io.fmslake.config.StoreSettings;
import io.fmslake.store.ObjectStore;
import java.io.PrintStream;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** The process's clients (one object store, one admin client) and the run built on them. Closes them all. */
final class Wiring implements AutoCloseable {
    private final BackfillSettings settings;
    private final ObjectStore store;
    private final Admin admin;
    private final Clock clock;
    private final PrintStream terminal;
    private final TestHooks hooks;

    private Wiring(BackfillSettings settings, ObjectStore store, Admin admin, Clock clock, PrintStream terminal,
                   TestHooks hooks) {
        this.settings = settings;
        this.store = store;
        this.admin = admin;
        this.clock = clock;
        this.terminal = terminal;
        this.hooks = hooks;
    }

    static Wiring open(BackfillSettings settings, Function<StoreSettings, ObjectStore> stores, Clock clock,
                       PrintStream terminal, TestHooks hooks) {
        ObjectStore store = stores.apply(settings.lake().store());
        try {
            Admin admin = Admin.create(adminProperties(settings.lake().kafka()));
            return new Wiring(settings, store, admin, clock, terminal, hooks);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    Summary run(boolean fromEarliest) throws InterruptedException {
        Components components = new Components(settings, store, clock, hooks.mergeHook());
        return new BackfillRun(settings, components, admin, () -> new KafkaConsumer<>(consumerProperties(
                settings.lake().kafka())), clock, terminal, fromEarliest, hooks).run();
    }

    /** Raw bytes, no group (partitions are assigned, nothing is committed by the consumer), large fetches. */
    static Properties consumerProperties(KafkaSettings kafka) {
        Properties p = new Properties();
        p.putAll(kafka.clientProperties());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, kafka.groupId());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
        p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, String.valueOf(1 << 20));
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "200");
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(32 << 20));
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(8 << 20));
        p.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, String.valueOf(1 << 20));
        return p;
    }

    static Map<String, Object> adminProperties(KafkaSettings kafka) {
        Map<String, Object> p = new HashMap<>(kafka.clientProperties());
        p.put("client.id", kafka.groupId() + "-admin");
        p.put("default.api.timeout.ms", 60_000);
        return p;
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

package io.fmslake.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where the topic lives and how to reach it. Security settings are optional; with none, the connection is
 * PLAINTEXT. Secrets stay {@link Secret}s until {@link #clientProperties()} hands them to the Kafka client.
 */
public record KafkaSettings(
        List<String> brokers,
        String topic,
        String groupId,
        String securityProtocol,
        Optional<String> saslMechanism,
        Optional<Secret> saslJaasConfig,
        Optional<String> sslTruststoreLocation,
        Optional<Secret> sslTruststorePassword) {

    private static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");

    static KafkaSettings read(EnvReader env, String defaultGroupId) {
        List<String> brokers = env.list("KAFKA_BROKERS", true);
        for (String b : brokers) {
            env.check(
                    b.matches("[^:\\s]+:\\d{1,5}"),
                    "KAFKA_BROKERS",
                    String.join(",", brokers),
                    "each broker must be host:port, got '" + b + "'");
        }
        String topic = env.required("KAFKA_TOPIC");
        env.check(
                topic.isEmpty() || topic.matches("[a-zA-Z0-9._-]{1,249}"),
                "KAFKA_TOPIC",
                topic,
                "must be a legal Kafka topic name ([a-zA-Z0-9._-], at most 249 characters)");
        String group = env.string("KAFKA_GROUP_ID", defaultGroupId);
        String protocol = env.string("KAFKA_SECURITY_PROTOCOL", "PLAINTEXT").toUpperCase(java.util.Locale.ROOT);
        env.check(PROTOCOLS.contains(protocol), "KAFKA_SECURITY_PROTOCOL", protocol, "must be one of " + PROTOCOLS);
        Optional<String> mechanism = env.optional("KAFKA_SASL_MECHANISM");
        Optional<Secret> jaas = env.optionalSecret("KAFKA_SASL_JAAS_CONFIG");
        env.check(
                !protocol.startsWith("SASL") || jaas.isPresent(),
                "KAFKA_SASL_JAAS_CONFIG",
                "<unset>",
                "is required when KAFKA_SECURITY_PROTOCOL is " + protocol);
        Optional<String> truststore = env.optional("KAFKA_SSL_TRUSTSTORE_LOCATION");
        Optional<Secret> truststorePassword = env.optionalSecret("KAFKA_SSL_TRUSTSTORE_PASSWORD");
        return new KafkaSettings(brokers, topic, group, protocol, mechanism, jaas, truststore, truststorePassword);
    }

    /** Connection and security properties shared by every consumer and admin client of the services. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("bootstrap.servers", String.join(",", brokers));
        p.put("security.protocol", securityProtocol);
        saslMechanism.ifPresent(m -> p.put("sasl.mechanism", m));
        saslJaasConfig.ifPresent(s -> p.put("sasl.jaas.config", s.reveal()));
        sslTruststoreLocation.ifPresent(l -> p.put("ssl.truststore.location", l));
        sslTruststorePassword.ifPresent(s -> p.put("ssl.truststore.password", s.reveal()));
        return p;
    }
}

package io.fmslake.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The content of a lease object ({@code _lease/hour/20250612_10_11.json}): who holds it, and for how long each renewal lasts.
 * {@code acquired}, {@code renewed} and {@code expires} are the holder's wall clock, for people reading the object;
 * nobody decides anything by them. A contender judges expiry by the store's clock ({@link LeaseContender}) and reads
 * only {@code ttl} from here: a duration, the same on every machine.
 *
 * @param ttl the holder's time to live per renewal; empty in a malformed or older object
 */
record LeaseRecord(String owner, Instant acquired, Instant renewed, Instant expires, Optional<Duration> ttl) {
    private static final ObjectMapper JSON = new ObjectMapper();

    LeaseRecord {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(acquired, "acquired");
        Objects.requireNonNull(renewed, "renewed");
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(ttl, "ttl");
    }

    /** A record renewed at {@code now} (holder's clock) for {@code ttl}. */
    static LeaseRecord of(String owner, Instant acquired, Instant now, Duration ttl) {
        return new LeaseRecord(owner, acquired, now, now.plus(ttl), Optional.of(ttl));
    }

    byte[] toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("owner", owner);
        node.put("acquired", acquired.toString());
        node.put("renewed", renewed.toString());
        node.put("expires", expires.toString());
        ttl.ifPresent(d -> node.put("ttl", d.toString()));
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Parses a lease object; a malformed one reads as owner {@code <malformed>} without a TTL. */
    static LeaseRecord fromJson(byte[] bytes) {
        try {
            JsonNode node = JSON.readTree(bytes);
            Instant acquired = Instant.parse(node.path("acquired").asText());
            Instant expires = Instant.parse(node.path("expires").asText());
            Instant renewed =
                    node.has("renewed") ? Instant.parse(node.path("renewed").asText()) : acquired;
            Optional<Duration> ttl = node.has("ttl")
                    ? Optional.of(Duration.parse(node.path("ttl").asText())).filter(d -> d.compareTo(Duration.ZERO) > 0)
                    : Optional.empty();
            return new LeaseRecord(node.path("owner").asText("?"), acquired, renewed, expires, ttl);
        } catch (IOException | DateTimeException | NullPointerException e) {
            return new LeaseRecord("<malformed>", Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, Optional.empty());
        }
    }
}

package io.fmslake.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Objects;

/** The content of {@code _lease/merge.json}: who holds the merge lease, since when, until when. */
record LeaseRecord(String owner, Instant acquired, Instant expires) {
    private static final ObjectMapper JSON = new ObjectMapper();

    LeaseRecord {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(acquired, "acquired");
        Objects.requireNonNull(expires, "expires");
    }

    boolean expiredAt(Instant now) {
        return !now.isBefore(expires);
    }

    byte[] toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("owner", owner);
        node.put("acquired", acquired.toString());
        node.put("expires", expires.toString());
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Parses the lease object; a malformed one reads as expired long ago so that it can be taken over. */
    static LeaseRecord fromJson(byte[] bytes) {
        try {
            JsonNode node = JSON.readTree(bytes);
            return new LeaseRecord(node.path("owner").asText("?"), Instant.parse(node.path("acquired").asText()),
                    Instant.parse(node.path("expires").asText()));
        } catch (IOException | DateTimeException | NullPointerException e) {
            return new LeaseRecord("<malformed>", Instant.EPOCH, Instant.EPOCH);
        }
    }
}

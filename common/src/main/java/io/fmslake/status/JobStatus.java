package io.fmslake.status;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fmslake.store.UserMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The status of the last run of a short-lived job (a merge level, {@code verify}, the backfill), as the job records it
 * in the bucket under {@code _lake/status/<job>.json}, overwritten by every run. The collector reads these objects and
 * exports them as Prometheus gauges; people read them in the MinIO console. See docs/contract.md, "Metrics".
 *
 * @param job         {@code merge-hour}, {@code merge-day}, {@code merge-week}, {@code verify} or {@code backfill}
 * @param service     the writing service ({@code batch-merger}, {@code backfill-loader})
 * @param version     its version
 * @param host        the host (the pod's name on Kubernetes)
 * @param started     when the run started
 * @param finished    when it ended; empty while it runs
 * @param outcome     running, success or failed
 * @param exitCode    the process's exit status (also in schedule mode, where the process goes on); empty while running
 * @param error       one line saying why it failed, empty otherwise
 * @param lastSuccess when the last successful run of this job ended (this one, or carried over from the previous
 *                    object when this one failed); empty if none is known
 * @param details     what the run did: numbers, booleans, texts, instants and nested maps of those, by name
 */
public record JobStatus(
        String job,
        String service,
        String version,
        String host,
        Instant started,
        Optional<Instant> finished,
        Outcome outcome,
        OptionalInt exitCode,
        String error,
        Optional<Instant> lastSuccess,
        Map<String, Object> details) {
    /** Where the objects live in the bucket. */
    public static final String PREFIX = "_lake/status/";

    public static final String MERGE_HOUR = "merge-hour";
    public static final String MERGE_DAY = "merge-day";
    public static final String MERGE_WEEK = "merge-week";
    public static final String VERIFY = "verify";
    public static final String BACKFILL = "backfill";
    /** Every job that records its status. */
    public static final List<String> JOBS = List.of(MERGE_HOUR, MERGE_DAY, MERGE_WEEK, VERIFY, BACKFILL);

    static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How a run ended, or that it still runs. */
    public enum Outcome {
        RUNNING,
        SUCCESS,
        FAILED
    }

    public JobStatus {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(outcome, "outcome");
        error = error == null ? "" : error;
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** The object key of a job's status. */
    public static String key(String job) {
        return PREFIX + job + ".json";
    }

    public String key() {
        return key(job);
    }

    /**
     * What the MinIO console shows of the status object: {@code fms-job}, {@code fms-outcome}, {@code fms-started},
     * {@code fms-finished} (when ended) and the writer ({@code fms-service}, {@code fms-version}).
     */
    public UserMetadata metadata() {
        UserMetadata m = UserMetadata.none()
                .with("fms-job", job)
                .with("fms-outcome", outcome.name().toLowerCase(Locale.ROOT))
                .with("fms-started", started.toString());
        if (finished.isPresent()) {
            m = m.with("fms-finished", finished.get().toString());
        }
        return m.with(UserMetadata.writer(Objects.toString(service, ""), Objects.toString(version, "")));
    }

    /** Seconds from start to end, or empty while running. */
    public OptionalDouble durationSeconds() {
        return finished.map(f -> OptionalDouble.of(Duration.between(started, f).toMillis() / 1000.0))
                .orElse(OptionalDouble.empty());
    }

    /** A number in {@link #details} by its path of names ({@code "lake", "hour", "files"}); empty if absent. */
    public OptionalDouble number(String... path) {
        Object v = at(path);
        if (v instanceof Number n) {
            return OptionalDouble.of(n.doubleValue());
        }
        if (v instanceof Boolean b) {
            return OptionalDouble.of(b ? 1 : 0);
        }
        return OptionalDouble.empty();
    }

    /** An instant in {@link #details} (written as ISO-8601 text) by its path; empty if absent or not an instant. */
    public Optional<Instant> instant(String... path) {
        Object v = at(path);
        if (v instanceof Instant i) {
            return Optional.of(i);
        }
        if (v instanceof String s) {
            try {
                return Optional.of(Instant.parse(s));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private Object at(String... path) {
        Object v = details;
        for (String name : path) {
            if (!(v instanceof Map<?, ?> m)) {
                return null;
            }
            v = m.get(name);
        }
        return v;
    }

    public byte[] toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("format", FORMAT);
        n.put("job", job);
        n.put("service", service);
        n.put("version", version);
        n.put("host", host);
        n.put("started", started.toString());
        finished.ifPresentOrElse(f -> n.put("finished", f.toString()), () -> n.putNull("finished"));
        durationSeconds().ifPresentOrElse(d -> n.put("duration_seconds", d), () -> n.putNull("duration_seconds"));
        n.put("outcome", outcome.name().toLowerCase(Locale.ROOT));
        exitCode.ifPresentOrElse(c -> n.put("exit_code", c), () -> n.putNull("exit_code"));
        n.put("error", error);
        lastSuccess.ifPresentOrElse(s -> n.put("last_success", s.toString()), () -> n.putNull("last_success"));
        n.set("details", JSON.valueToTree(plain(details)));
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Instants as ISO-8601 text, nested maps likewise; everything else as Jackson writes it. */
    private static Object plain(Object v) {
        if (v instanceof Instant i) {
            return i.toString();
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), plain(x)));
            return out;
        }
        return v;
    }

    /** Parses an object written by {@link #toJson()}; throws {@link IllegalArgumentException} if it is not one. */
    public static JobStatus parse(byte[] json) {
        try {
            JsonNode n = JSON.readTree(json);
            if (n == null || !n.isObject() || !n.hasNonNull("job") || !n.hasNonNull("started")) {
                throw new IllegalArgumentException("not a job status: " + new String(json, StandardCharsets.UTF_8));
            }
            Map<String, Object> details = n.path("details").isObject()
                    ? JSON.convertValue(n.get("details"), new TypeReference<LinkedHashMap<String, Object>>() {})
                    : Map.of();
            return new JobStatus(
                    n.get("job").asText(),
                    n.path("service").asText(""),
                    n.path("version").asText(""),
                    n.path("host").asText(""),
                    Instant.parse(n.get("started").asText()),
                    time(n, "finished"),
                    Outcome.valueOf(n.path("outcome").asText("failed").toUpperCase(Locale.ROOT)),
                    n.path("exit_code").isInt()
                            ? OptionalInt.of(n.get("exit_code").asInt())
                            : OptionalInt.empty(),
                    n.path("error").asText(""),
                    time(n, "last_success"),
                    details);
        } catch (IOException | DateTimeParseException e) {
            throw new IllegalArgumentException("not a job status: " + e.getMessage(), e);
        }
    }

    private static Optional<Instant> time(JsonNode n, String field) {
        return n.hasNonNull(field) ? Optional.of(Instant.parse(n.get(field).asText())) : Optional.empty();
    }
}

package io.fmslake.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Realistic FMS telemetry: several sites, each with pieces of equipment of different kinds, each reporting its
 * temperature, humidity, pressure, vibration and power with a daily cycle, noise, slow drift and the odd fault, plus
 * a status (RUNNING, IDLE, WARNING, ALARM, MAINTENANCE). A few messages are bad on purpose (broken JSON, no event
 * time, a JSON array, plain text): the services turn them into dead letters under errors/.
 *
 * <p>One message per call, keyed by equipment id, so a device's readings stay in one partition and in order.
 * Not thread-safe: one instance per producing thread.
 */
final class Telemetry {
    private static final String[] CITIES = {
        "berlin-dc1",
        "hamburg-plant",
        "munich-hq",
        "vienna-lab",
        "zurich-dc2",
        "lyon-plant",
        "milan-office",
        "oslo-coldstore"
    };
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One piece of equipment. */
    record Device(String site, String id, EquipmentType type, double bias) {}

    /** A Kafka record to send: key, value, timestamp (epoch millis). */
    record Message(String key, String value, long timestamp) {}

    private final List<Device> devices = new ArrayList<>();
    private final int badPerMille;
    private final ZoneId zone;
    private final Random random;
    private long seq;

    Telemetry(int sites, int perSite, int badPerMille, ZoneId zone, long seed) {
        this.badPerMille = badPerMille;
        this.zone = zone;
        this.random = new Random(seed);
        EquipmentType[] types = EquipmentType.values();
        Random layout = new Random(7);
        for (int s = 0; s < sites; s++) {
            String site = CITIES[s % CITIES.length] + (s < CITIES.length ? "" : "-" + (s / CITIES.length + 1));
            for (int e = 0; e < perSite; e++) {
                EquipmentType type = types[(s + e) % types.length];
                String id = String.format("%s-%s-%02d", site, type.slug, e + 1);
                devices.add(new Device(site, id, type, layout.nextGaussian() * 0.05));
            }
        }
    }

    List<Device> devices() {
        return devices;
    }

    /** The device's message at {@code time}: a reading, or (about {@code badPerMille} in 1000) a bad message. */
    Message next(Device d, Instant time) {
        long ts = time.toEpochMilli();
        if (random.nextInt(1000) < badPerMille) {
            return new Message(d.id(), bad(d, time), ts);
        }
        return new Message(d.id(), reading(d, time).toString(), ts);
    }

    ObjectNode reading(Device d, Instant time) {
        EquipmentType t = d.type();
        double hour = time.atZone(zone).getHour() + time.atZone(zone).getMinute() / 60.0;
        double daily = Math.sin((hour - 9) / 24 * 2 * Math.PI); // peaks mid-afternoon
        double load = 1 + t.daySwing * daily + d.bias();
        boolean fault = random.nextInt(1000) < 4;
        ObjectNode n = JSON.createObjectNode();
        n.put(ServiceEnv.EVENT_TIME_FIELD, time.toString());
        n.put("site", d.site());
        n.put("equipment_id", d.id());
        n.put("equipment_type", t.typeName());
        ObjectNode r = n.putObject("readings");
        r.put(
                "temperature_c",
                round(t.temperature * (1 + 0.04 * daily) + random.nextGaussian() * 0.4 + (fault ? 9 : 0), 2));
        r.put("humidity_pct", round(clamp(t.humidity - 4 * daily + random.nextGaussian() * 1.5, 5, 99), 1));
        r.put("pressure_kpa", round(t.pressure * (1 + random.nextGaussian() * 0.004), 2));
        double vibration = Math.max(0.05, t.vibration * load + random.nextGaussian() * 0.25 + (fault ? 6 : 0));
        r.put("vibration_mm_s", round(vibration, 3));
        double power = load < 0.55 ? t.power * 0.08 : t.power * load;
        r.put("power_kw", round(Math.max(0.1, power + random.nextGaussian() * t.power * 0.03), 2));
        n.put("status", status(load, vibration, t));
        n.put("firmware", "2." + Math.floorMod(d.id().hashCode(), 5) + ".1");
        n.put("seq", ++seq);
        return n;
    }

    private String status(double load, double vibration, EquipmentType t) {
        if (random.nextInt(2000) == 0) {
            return "MAINTENANCE";
        }
        if (vibration > t.vibration * 3) {
            return "ALARM";
        }
        if (vibration > t.vibration * 1.8) {
            return "WARNING";
        }
        return load < 0.55 ? "IDLE" : "RUNNING";
    }

    private String bad(Device d, Instant time) {
        String good = reading(d, time).toString();
        return switch (random.nextInt(4)) {
            case 0 -> good.substring(0, good.length() / 2); // cut off in transit
            case 1 -> good.replace("\"" + ServiceEnv.EVENT_TIME_FIELD + "\":", "\"time_unset\":"); // no event time
            case 2 -> "[" + good + "]"; // not an object
            default -> "sensor " + d.id() + " rebooted: watchdog timeout"; // not JSON
        };
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }
}

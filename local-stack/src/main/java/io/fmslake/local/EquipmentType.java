package io.fmslake.local;

/**
 * Kinds of FMS equipment and the plausible operating values of their sensors: temperature (°C), relative humidity
 * (%), pressure (kPa), vibration (mm/s RMS) and electrical power (kW). {@code daySwing} is the share of the power
 * that follows the working day (offices and air handling idle at night, cold rooms barely change).
 */
enum EquipmentType {
    AIR_HANDLER("ahu", 18.5, 45, 101.6, 2.1, 11, 0.6),
    CHILLER("chiller", 7.0, 55, 420, 3.2, 85, 0.4),
    BOILER("boiler", 68, 30, 180, 1.4, 60, 0.5),
    PUMP("pump", 14, 50, 310, 4.0, 7.5, 0.3),
    COMPRESSOR("compressor", 41, 35, 780, 5.5, 30, 0.5),
    COLD_ROOM("coldroom", 3.5, 82, 101.3, 1.1, 4.2, 0.1);

    final String slug;
    final double temperature;
    final double humidity;
    final double pressure;
    final double vibration;
    final double power;
    final double daySwing;

    EquipmentType(
            String slug,
            double temperature,
            double humidity,
            double pressure,
            double vibration,
            double power,
            double daySwing) {
        this.slug = slug;
        this.temperature = temperature;
        this.humidity = humidity;
        this.pressure = pressure;
        this.vibration = vibration;
        this.power = power;
        this.daySwing = daySwing;
    }

    String typeName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

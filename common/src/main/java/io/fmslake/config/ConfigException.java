package io.fmslake.config;

import java.util.List;

/** Every configuration error found at start, reported together. */
public final class ConfigException extends RuntimeException {
    private final List<String> errors;

    public ConfigException(List<String> errors) {
        super("invalid configuration (" + errors.size() + " error" + (errors.size() == 1 ? "" : "s") + "):\n  - "
                + String.join("\n  - ", errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}

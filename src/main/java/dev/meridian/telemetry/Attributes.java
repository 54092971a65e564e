package dev.meridian.telemetry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OTLP key-values in their order of arrival. A value is one of: {@link String}, {@link Long},
 * {@link Double}, {@link Boolean}, {@code byte[]}, {@code List<Object>} (array) or
 * {@code Map<String, Object>} (kvlist), nested freely; {@code null} stands for an empty value.
 */
public record Attributes(Map<String, Object> values) {

    public static final Attributes EMPTY = new Attributes(Map.of());

    public Attributes {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static Attributes of(Map<String, Object> values) {
        return values.isEmpty() ? EMPTY : new Attributes(values);
    }

    public Object get(String key) {
        return values.get(key);
    }

    /** The value as text when it is a string or a number, otherwise {@code null}. */
    public String getString(String key) {
        Object value = values.get(key);
        return value instanceof String || value instanceof Number || value instanceof Boolean ? String.valueOf(value) : null;
    }

    public Long getLong(String key) {
        Object value = values.get(key);
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof String text) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public int size() {
        return values.size();
    }
}

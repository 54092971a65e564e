package dev.meridian.ingest.otlp;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import dev.meridian.config.OtlpProperties;

/** {@link OtlpProperties} for tests without a Spring context: the documented defaults, with some settings changed. */
final class TestProperties {

    private TestProperties() {
    }

    /** @param settings pairs of {@code meridian.otlp.*} names (without the prefix) and values */
    static OtlpProperties otlp(String... settings) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < settings.length; i += 2) {
            values.put("meridian.otlp." + settings[i], settings[i + 1]);
        }
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("meridian.otlp", OtlpProperties.class);
    }
}

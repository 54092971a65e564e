package dev.meridian.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttributeLimitsSharingTest {

    private static KeyValue kv(String key, String value) {
        // new String: every decoded key-value has its own instances, as protobuf gives them
        return KeyValue.newBuilder().setKey(new String(key)).setValue(AnyValue.newBuilder().setStringValue(new String(value))).build();
    }

    @Test
    void equalKeysAndShortValuesOfOneRequestAreOneObject() {
        AttributeLimits limits = new AttributeLimits(OtlpLimits.DEFAULTS);
        var first = limits.attributes(List.of(kv("http.request.method", "GET"))).attributes().values();
        var second = limits.attributes(List.of(kv("http.request.method", "GET"))).attributes().values();

        String firstKey = first.keySet().iterator().next();
        String secondKey = second.keySet().iterator().next();
        assertThat(secondKey).isSameAs(firstKey);
        assertThat(second.get("http.request.method")).isSameAs(first.get("http.request.method")).isEqualTo("GET");
    }

    @Test
    void longValuesStayAsDecodedAndTheSharedSetIsBounded() {
        AttributeLimits limits = new AttributeLimits(OtlpLimits.DEFAULTS);
        String longValue = "x".repeat(AttributeLimits.MAX_SHARED_LENGTH + 1);
        Object first = limits.attributes(List.of(kv("k", longValue))).attributes().values().get("k");
        Object second = limits.attributes(List.of(kv("k", longValue))).attributes().values().get("k");
        assertThat(second).isEqualTo(first).isNotSameAs(first);

        for (int i = 0; i < AttributeLimits.MAX_SHARED_STRINGS + 10; i++) {
            limits.share(new String("v" + i));
        }
        String late = new String("v" + (AttributeLimits.MAX_SHARED_STRINGS + 5));
        assertThat(limits.share(late)).isSameAs(late); // not remembered: the set was full
    }
}

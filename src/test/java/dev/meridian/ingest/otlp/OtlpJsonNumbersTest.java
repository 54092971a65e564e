package dev.meridian.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * Numbers in OTLP/JSON are read in time bounded by their length: a huge exponent used to expand into a number of
 * hundreds of millions of digits and keep a core busy. The bound of each test is generous; it only stops a hang.
 */
class OtlpJsonNumbersTest {

    private static final Duration HANG = Duration.ofSeconds(20);

    private static String span(String field, String value) {
        return """
                {"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"5b8efff798038103d269b633813fc60c",
                  "spanId":"eee19b7ec3c1b174","startTimeUnixNano":"1","endTimeUnixNano":"2",%s:%s}]}]}]}"""
                .formatted("\"" + field + "\"", value);
    }

    private static Decoded decodeTraces(String json) throws OtlpDecodingException {
        return OtlpSignal.TRACES.decodeJson(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void hugeExponentInAnIntegerField_isRefusedAsOutOfRangeAtOnce() {
        for (String value : new String[] {"\"1e400000000\"", "1e400000000", "\"-1e400000000\"", "1E+999999999"}) {
            assertTimeoutPreemptively(HANG, () -> assertThatThrownBy(() -> decodeTraces(span("startTimeUnixNano", value)))
                    .isInstanceOf(OtlpDecodingException.class).hasMessageContaining("'startTimeUnixNano' is out of range"));
        }
    }

    @Test
    void tinyExponentInAnIntegerField_isRefusedAsNotAnInteger() {
        assertTimeoutPreemptively(HANG, () -> assertThatThrownBy(() -> decodeTraces(span("flags", "1e-400000000")))
                .isInstanceOf(OtlpDecodingException.class).hasMessageContaining("'flags' must be an integer"));
        assertTimeoutPreemptively(HANG, () -> assertThatThrownBy(() -> decodeTraces(span("flags", "\"1000000000000e-400000000\"")))
                .isInstanceOf(OtlpDecodingException.class).hasMessageContaining("'flags' must be an integer"));
    }

    @Test
    void hugeExponentInADoubleField_isRefusedAsOutOfRange_andATinyOneIsZero() throws Exception {
        String gauge = """
                {"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"g","gauge":{"dataPoints":[
                  {"timeUnixNano":"1","asDouble":%s}]}}]}]}]}""";
        assertTimeoutPreemptively(HANG, () -> assertThatThrownBy(() -> OtlpSignal.METRICS.decodeJson(
                gauge.formatted("1e400000000").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(OtlpDecodingException.class).hasMessageContaining("'asDouble' is out of range for a double"));
        Decoded tiny = assertTimeoutPreemptively(HANG, () -> OtlpSignal.METRICS.decodeJson(
                gauge.formatted("\"1e-400000000\"").getBytes(StandardCharsets.UTF_8)));
        assertThat(tiny.batch().metricPoints().getFirst().value())
                .isEqualTo(new dev.meridian.telemetry.MetricValue.Number(0.0, false));
    }

    @Test
    void longNumbersAndNonNumbers_areRefusedWithTheirField() {
        assertThatThrownBy(() -> decodeTraces(span("flags", "\"" + "1".repeat(10_000) + "\"")))
                .isInstanceOf(OtlpDecodingException.class).hasMessageContaining("'flags' is a number of 10000 characters");
        assertThatThrownBy(() -> decodeTraces(span("flags", "\"0x10\"")))
                .isInstanceOf(OtlpDecodingException.class).hasMessageContaining("'flags' is not a number: 0x10");
        assertThatThrownBy(() -> decodeTraces(span("flags", "1.5")))
                .isInstanceOf(OtlpDecodingException.class).hasMessageContaining("'flags' must be an integer");
        assertThatThrownBy(() -> decodeTraces(span("startTimeUnixNano", "\"18446744073709551616\"")))
                .isInstanceOf(OtlpDecodingException.class).hasMessageContaining("out of range for an unsigned 64-bit integer");
    }

    @Test
    void exponentsAndFractionsThatAreIntegers_areStillRead() throws Exception {
        assertThat(decodeTraces(span("flags", "1e3")).batch().spans().getFirst().flags()).isEqualTo(1000);
        assertThat(decodeTraces(span("flags", "\"12.0\"")).batch().spans().getFirst().flags()).isEqualTo(12);
        assertThat(decodeTraces(span("flags", "\"1200e-2\"")).batch().spans().getFirst().flags()).isEqualTo(12);
        assertThat(JsonNumbers.integer("18446744073709551615", "x")).hasToString("18446744073709551615");
        assertThat(JsonNumbers.integer("1.8446744073709551615e19", "x")).hasToString("18446744073709551615");
        assertThat(JsonNumbers.decimal("-2.5E-3", "x")).isEqualTo(-0.0025);
    }
}

package dev.meridian.ui.logs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeverityTest {

    @Test
    void otlpNumber_isTheLowestNumberOfEachLevel() {
        assertThat(Severity.TRACE.otlpNumber()).isEqualTo(1);
        assertThat(Severity.DEBUG.otlpNumber()).isEqualTo(5);
        assertThat(Severity.INFO.otlpNumber()).isEqualTo(9);
        assertThat(Severity.WARN.otlpNumber()).isEqualTo(13);
        assertThat(Severity.ERROR.otlpNumber()).isEqualTo(17);
        assertThat(Severity.FATAL.otlpNumber()).isEqualTo(21);
    }

    @Test
    void ofNumber_mapsEachRangeOfFourToItsLevel() {
        assertThat(Severity.ofNumber(4)).contains(Severity.TRACE);
        assertThat(Severity.ofNumber(9)).contains(Severity.INFO);
        assertThat(Severity.ofNumber(12)).contains(Severity.INFO);
        assertThat(Severity.ofNumber(13)).contains(Severity.WARN);
        assertThat(Severity.ofNumber(24)).contains(Severity.FATAL);
    }

    @Test
    void ofNumber_isEmptyForUnspecifiedAndOutOfRange() {
        assertThat(Severity.ofNumber(0)).isEmpty();
        assertThat(Severity.ofNumber(25)).isEmpty();
        assertThat(Severity.ofNumber(-1)).isEmpty();
    }

    @Test
    void parse_acceptsNamesInAnyCaseAliasesAndNumbers() {
        assertThat(Severity.parse("warn")).contains(Severity.WARN);
        assertThat(Severity.parse(" Warning ")).contains(Severity.WARN);
        assertThat(Severity.parse("ERR")).contains(Severity.ERROR);
        assertThat(Severity.parse("17")).contains(Severity.ERROR);
        assertThat(Severity.parse("fatal")).contains(Severity.FATAL);
    }

    @Test
    void parse_isEmptyForUnknownText() {
        assertThat(Severity.parse("loud")).isEmpty();
        assertThat(Severity.parse("")).isEmpty();
        assertThat(Severity.parse(null)).isEmpty();
        assertThat(Severity.parse("0")).isEmpty();
    }

    @Test
    void of_fallsBackToSeverityTextWhenTheNumberIsUnspecified() {
        assertThat(Severity.of(0, "ERROR")).contains(Severity.ERROR);
        assertThat(Severity.of(10, "ERROR")).contains(Severity.INFO);
        assertThat(Severity.of(0, "whatever")).isEmpty();
        assertThat(Severity.of(0, null)).isEmpty();
    }
}

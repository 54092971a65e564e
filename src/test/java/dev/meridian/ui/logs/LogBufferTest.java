package dev.meridian.ui.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.telemetry.Attributes;
import dev.meridian.telemetry.InstrumentationScope;
import dev.meridian.telemetry.LogRecord;
import dev.meridian.telemetry.Resource;
import dev.meridian.telemetry.SpanId;
import dev.meridian.telemetry.TraceId;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogBufferTest {

    @Test
    void appendOlder_keepsPageOrderAndSkipsDuplicates() {
        LogBuffer buffer = new LogBuffer(100);

        assertThat(buffer.appendOlder(List.of(at(30), at(20)))).isEqualTo(2);
        assertThat(buffer.appendOlder(List.of(at(20), at(10)))).isEqualTo(1);

        assertThat(times(buffer)).containsExactly(30L, 20L, 10L);
        assertThat(buffer.oldestNanos()).hasValue(10);
        assertThat(buffer.newestNanos()).hasValue(30);
    }

    @Test
    void mergeNewer_insertsInTimeOrderAndMarksOnlyNewRowsFresh() {
        LogBuffer buffer = new LogBuffer(100);
        buffer.appendOlder(List.of(at(30), at(10)));

        int added = buffer.mergeNewer(List.of(at(40), at(30), at(20)));

        assertThat(added).isEqualTo(2);
        assertThat(times(buffer)).containsExactly(40L, 30L, 20L, 10L);
        assertThat(buffer.rows()).extracting(LogRow::fresh).containsExactly(true, false, true, false);
    }

    @Test
    void mergeNewer_keepsRowInstancesSoExpandedDetailsSurvive() {
        LogBuffer buffer = new LogBuffer(100);
        buffer.appendOlder(List.of(at(10)));
        LogRow expanded = buffer.rows().getFirst();

        buffer.mergeNewer(List.of(at(20)));

        assertThat(buffer.rows().get(1)).isSameAs(expanded);
    }

    @Test
    void mergeNewer_settlesRowsFreshFromThePreviousPoll() {
        LogBuffer buffer = new LogBuffer(100);
        buffer.mergeNewer(List.of(at(10)));
        buffer.mergeNewer(List.of());

        assertThat(buffer.rows().getFirst().fresh()).isFalse();
    }

    @Test
    void mergeNewer_dropsTheOldestBeyondCapacity() {
        LogBuffer buffer = new LogBuffer(2);
        buffer.appendOlder(List.of(at(20), at(10)));

        buffer.mergeNewer(List.of(at(30)));

        assertThat(times(buffer)).containsExactly(30L, 20L);
        assertThat(buffer.truncated()).isTrue();
        buffer.mergeNewer(List.of(at(10)));
        assertThat(times(buffer)).containsExactly(30L, 20L);
    }

    @Test
    void liveTailForDays_staysWithinTheBodyBudget() {
        LogBuffer buffer = new LogBuffer(1_000, 10_000);
        for (long poll = 1; poll <= 500; poll++) { // 500 polls of ten 1,000-character bodies
            List<LogRecord> records = new java.util.ArrayList<>();
            for (int i = 0; i < 10; i++) {
                records.add(withBody(poll * 100 + i, "x".repeat(1_000)));
            }
            buffer.mergeNewer(records);
            assertThat(buffer.bodyChars()).isLessThanOrEqualTo(10_000);
        }

        assertThat(buffer.size()).isEqualTo(10);
        assertThat(buffer.newestNanos()).hasValue(500 * 100 + 9);
        assertThat(buffer.truncated()).isTrue();
    }

    @Test
    void appendOlder_stopsAtTheBodyBudget() {
        LogBuffer buffer = new LogBuffer(1_000, 2_500);

        buffer.appendOlder(List.of(withBody(30, "x".repeat(1_000)), withBody(20, "x".repeat(1_000)),
                withBody(10, "x".repeat(1_000))));

        assertThat(times(buffer)).containsExactly(30L, 20L);
        assertThat(buffer.truncated()).as("no older page can follow on").isTrue();
    }

    @Test
    void viewBuffer_isBoundedByRowsAndCharacters() {
        assertThat(LogsView.CAPACITY).isEqualTo(5_000);
        assertThat(LogsView.BODY_BUDGET).isLessThanOrEqualTo(16_000_000);
    }

    private static LogRecord withBody(long nanos, String body) {
        return new LogRecord(Resource.EMPTY, InstrumentationScope.EMPTY, nanos, nanos, 9, "INFO", body,
                Attributes.EMPTY, 0, 0, TraceId.INVALID, SpanId.NONE, null);
    }

    private static List<Long> times(LogBuffer buffer) {
        return buffer.rows().stream().map(LogRow::timeNanos).toList();
    }

    private static LogRecord at(long nanos) {
        return new LogRecord(Resource.EMPTY, InstrumentationScope.EMPTY, nanos, nanos, 9, "INFO", "at " + nanos,
                Attributes.EMPTY, 0, 0, TraceId.INVALID, SpanId.NONE, null);
    }
}

package dev.meridian.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.storage.jdbc.ExemplarCell.SpanRef;
import org.junit.jupiter.api.Test;

class ExemplarCellTest {

    @Test
    void add_keepsTheSlowestAndTheSlowestFailedAndKnowsTheCutoff() {
        ExemplarCell cell = new ExemplarCell();
        for (int i = 1; i <= 1000; i++) {
            cell.add(new SpanRef(i, i, i * 1000L, i % 10 == 0));
        }
        assertThat(cell.spanCount()).isEqualTo(1000);
        assertThat(cell.errorCount()).isEqualTo(100);
        assertThat(cell.slowest()).hasSize(ExemplarCell.KEEP);
        assertThat(cell.slowest().getFirst().durationNanos()).isEqualTo(1_000_000);
        assertThat(cell.slowestCutoffNanos()).isEqualTo((1000 - ExemplarCell.KEEP + 1) * 1000L);
        assertThat(cell.slowestErrors()).hasSize(100).allMatch(SpanRef::error);
        assertThat(cell.errorCutoffNanos()).isEqualTo(-1); // every failed span is kept
    }

    @Test
    void encode_roundTripsAndMergeKeepsTheSlowestOfBoth() {
        ExemplarCell stored = new ExemplarCell();
        stored.add(new SpanRef(1, 10, 500, false));
        stored.add(new SpanRef(2, 11, 700, true));
        ExemplarCell decoded = ExemplarCell.decode(stored.encode());
        assertThat(decoded.slowest()).containsExactly(new SpanRef(2, 11, 700, true), new SpanRef(1, 10, 500, false));
        assertThat(decoded.slowestErrors()).containsExactly(new SpanRef(2, 11, 700, true));

        ExemplarCell batch = new ExemplarCell();
        batch.add(new SpanRef(3, 12, 600, false));
        batch.merge(decoded);
        assertThat(batch.spanCount()).isEqualTo(3);
        assertThat(batch.errorCount()).isEqualTo(1);
        assertThat(batch.slowest()).extracting(SpanRef::key).containsExactly(2L, 3L, 1L);
        assertThat(batch.slowestCutoffNanos()).isEqualTo(-1);
    }
}

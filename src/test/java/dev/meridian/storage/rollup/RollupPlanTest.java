package dev.meridian.storage.rollup;

import static dev.meridian.storage.rollup.RollupLevel.HOUR;
import static dev.meridian.storage.rollup.RollupLevel.MINUTE;
import static dev.meridian.storage.rollup.RollupLevel.TEN_MINUTES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.storage.rollup.RollupPlan.Piece;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RollupPlanTest {

    /** 2026-11-25T10:00Z in epoch minutes: a whole hour. */
    static final long H = Instant.parse("2026-11-25T10:00:00Z").getEpochSecond() / 60;
    static final long DAY = 24 * 60;

    @Test
    void forWindow_beforeAnyCompaction_readsMinuteRows() {
        RollupPlan plan = RollupPlan.forWindow(H - DAY, H, Watermarks.NONE);

        assertThat(plan.pieces()).containsExactly(new Piece(MINUTE, H - DAY, H));
        assertThat(plan.cells()).isEqualTo(1440);
    }

    @Test
    void forWindow_usesHoursInTheMiddleAndFinerCellsAtTheEdgesAndAfterTheWatermarks() {
        // the last 24 h at 10:03, hours compacted up to 09:00, 10-minute buckets up to 09:50
        Watermarks watermarks = new Watermarks(H - 10, H - 60);
        RollupPlan plan = RollupPlan.forWindow(H + 3 - DAY, H + 3, watermarks);

        assertThat(plan.pieces()).containsExactly(
                new Piece(MINUTE, H + 3 - DAY, H + 10 - DAY),
                new Piece(TEN_MINUTES, H + 10 - DAY, H + 60 - DAY),
                new Piece(HOUR, H + 60 - DAY, H - 60),
                new Piece(TEN_MINUTES, H - 60, H - 10),
                new Piece(MINUTE, H - 10, H + 3));
        assertThat(plan.cells()).isEqualTo(7 + 5 + 22 + 5 + 13);
    }

    @Test
    void forWindow_shorterThanABucket_readsMinuteRows() {
        RollupPlan plan = RollupPlan.forWindow(H - 65, H - 58, new Watermarks(H, H));

        assertThat(plan.pieces()).containsExactly(new Piece(MINUTE, H - 65, H - 58));
        assertThat(plan.cells()).isEqualTo(7);
    }

    @Test
    void forSeries_usesTheCoarsestLevelThatTilesTheStep() {
        Watermarks watermarks = new Watermarks(H, H);

        assertThat(RollupPlan.forSeries(H - 6 * 60, H, 15, watermarks).coarsest()).isEqualTo(MINUTE);
        assertThat(RollupPlan.forSeries(H - 6 * 60, H, 10, watermarks).pieces())
                .containsExactly(new Piece(TEN_MINUTES, H - 6 * 60, H));
        assertThat(RollupPlan.forSeries(H - DAY, H, 30, watermarks).pieces())
                .containsExactly(new Piece(TEN_MINUTES, H - DAY, H));
        assertThat(RollupPlan.forSeries(H - 7 * DAY, H, 180, watermarks).pieces())
                .containsExactly(new Piece(HOUR, H - 7 * DAY, H));
    }

    @Test
    void forSeries_ofSevenDays_readsAtMostAThousandCells() {
        // the last bucket of a 3-hour step reaches past now; everything after the watermarks is minute rows
        Watermarks watermarks = new Watermarks(H - 10, H - 60);
        RollupPlan plan = RollupPlan.forSeries(H - 7 * DAY, H + 120, 180, watermarks);

        assertThat(plan.pieces()).containsExactly(
                new Piece(HOUR, H - 7 * DAY, H - 60),
                new Piece(TEN_MINUTES, H - 60, H - 10),
                new Piece(MINUTE, H - 10, H + 120));
        assertThat(plan.cells()).isEqualTo(167 + 5 + 130).isLessThanOrEqualTo(RollupLevel.MAX_CELLS);
    }

    @Test
    void cover_isExactContiguousAlignedAndBelowTheWatermarks() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 10_000; i++) {
            long from = H - random.nextLong(10 * DAY);
            long to = from + random.nextLong(8 * DAY);
            long tenMinutes = TEN_MINUTES.floor(H - random.nextLong(12 * DAY));
            long hour = random.nextInt(10) == 0 ? Long.MIN_VALUE : HOUR.floor(tenMinutes - random.nextLong(DAY));
            Watermarks watermarks = new Watermarks(tenMinutes, hour);
            RollupLevel coarsest = RollupLevel.values()[random.nextInt(3)];

            RollupPlan plan = RollupPlan.cover(from, to, coarsest, watermarks);

            long next = from;
            for (Piece piece : plan.pieces()) {
                assertThat(piece.fromMinute()).isEqualTo(next);
                assertThat(piece.toMinute()).isGreaterThan(piece.fromMinute());
                assertThat(piece.level()).isLessThanOrEqualTo(coarsest);
                assertThat(piece.level().floor(piece.fromMinute())).isEqualTo(piece.fromMinute());
                assertThat(piece.level().floor(piece.toMinute())).isEqualTo(piece.toMinute());
                assertThat(piece.toMinute()).isLessThanOrEqualTo(watermarks.doneBefore(piece.level()));
                next = piece.toMinute();
            }
            assertThat(next).isEqualTo(Math.max(from, to));
        }
    }

    @Test
    void forWindow_levelCoversTheWindowInAtMostAThousandCells() {
        assertThat(RollupLevel.forWindow(60)).isEqualTo(MINUTE);
        assertThat(RollupLevel.forWindow(1000)).isEqualTo(MINUTE);
        assertThat(RollupLevel.forWindow(DAY)).isEqualTo(TEN_MINUTES);
        assertThat(RollupLevel.forWindow(7 * DAY)).isEqualTo(HOUR); // 1,008 10-minute cells
        assertThat(RollupLevel.forWindow(60 * DAY)).isEqualTo(HOUR);
    }

    @Test
    void coarsestDividing_picksTheLevelThatTilesTheStep() {
        assertThat(RollupLevel.coarsestDividing(1)).isEqualTo(MINUTE);
        assertThat(RollupLevel.coarsestDividing(15)).isEqualTo(MINUTE);
        assertThat(RollupLevel.coarsestDividing(30)).isEqualTo(TEN_MINUTES);
        assertThat(RollupLevel.coarsestDividing(180)).isEqualTo(HOUR);
    }
}

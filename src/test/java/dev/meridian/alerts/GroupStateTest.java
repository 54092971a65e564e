package dev.meridian.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GroupStateTest {

    static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
    static final Duration FOR = Duration.ofMinutes(2);

    @Test
    void breach_isPendingUntilItLastedFor_thenFires_andResolvesAtTheFirstEvaluationWithout() {
        GroupState ok = GroupState.initial(T);
        GroupState pending = ok.next(true, 0.2, T.plusSeconds(60), FOR);
        GroupState stillPending = pending.next(true, 0.3, T.plusSeconds(120), FOR);
        GroupState firing = stillPending.next(true, 0.3, T.plusSeconds(180), FOR);
        GroupState stillFiring = firing.next(true, 0.4, T.plusSeconds(240), FOR);
        GroupState resolved = stillFiring.next(false, 0.01, T.plusSeconds(300), FOR);
        GroupState backToOk = resolved.next(false, 0.01, T.plusSeconds(360), FOR);

        assertThat(pending.state()).isEqualTo(AlertState.PENDING);
        assertThat(stillPending.state()).isEqualTo(AlertState.PENDING);
        assertThat(stillPending.since()).isEqualTo(T.plusSeconds(60));
        assertThat(firing.state()).isEqualTo(AlertState.FIRING);
        assertThat(firing.notifiesAfter(stillPending)).isTrue();
        assertThat(stillFiring.notifiesAfter(firing)).isFalse();
        assertThat(stillFiring.since()).isEqualTo(T.plusSeconds(180));
        assertThat(resolved.state()).isEqualTo(AlertState.RESOLVED);
        assertThat(resolved.notifiesAfter(stillFiring)).isTrue();
        assertThat(backToOk.state()).isEqualTo(AlertState.OK);
        assertThat(backToOk.notifiesAfter(resolved)).isFalse();
    }

    @Test
    void breach_withoutFor_firesAtOnce_andAPendingBreachThatEndsNeverNotifies() {
        assertThat(GroupState.initial(T).next(true, 1.0, T, Duration.ZERO).state()).isEqualTo(AlertState.FIRING);

        GroupState pending = GroupState.initial(T).next(true, 1.0, T, FOR);
        GroupState cleared = pending.next(false, 0.0, T.plusSeconds(60), FOR);
        assertThat(cleared.state()).isEqualTo(AlertState.OK);
        assertThat(cleared.notifiesAfter(pending)).isFalse();
    }
}

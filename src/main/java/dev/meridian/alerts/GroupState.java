package dev.meridian.alerts;

import java.time.Duration;
import java.time.Instant;

/**
 * Where one group of a rule stands, and the state machine between evaluations: a breach makes an ok rule
 * pending (or firing at once when {@code for} is zero), pending fires once the breach has lasted {@code for},
 * and the first evaluation without a breach resolves a firing rule (and clears a pending one); resolved
 * becomes ok at the next evaluation without a breach. Pure, unit tested.
 *
 * @param breachSince since when the condition holds (pending and firing), else null
 */
record GroupState(AlertState state, Instant since, Instant breachSince, Double value) {

    static GroupState initial(Instant now) {
        return new GroupState(AlertState.OK, now, null, null);
    }

    /** The state after an evaluation at {@code now} that found {@code breached} with {@code value}. */
    GroupState next(boolean breached, Double value, Instant now, Duration forDuration) {
        if (breached) {
            Instant breachStart = breachSince == null ? now : breachSince;
            if (state == AlertState.FIRING) {
                return new GroupState(AlertState.FIRING, since, breachStart, value);
            }
            if (!now.isBefore(breachStart.plus(forDuration))) {
                return new GroupState(AlertState.FIRING, now, breachStart, value);
            }
            return new GroupState(AlertState.PENDING, state == AlertState.PENDING ? since : now, breachStart, value);
        }
        return switch (state) {
            case FIRING -> new GroupState(AlertState.RESOLVED, now, null, value);
            case PENDING, RESOLVED -> new GroupState(AlertState.OK, now, null, value);
            case OK -> new GroupState(AlertState.OK, since, null, value);
        };
    }

    /** Whether going from {@code before} to this is worth a notification. */
    boolean notifiesAfter(GroupState before) {
        return state != before.state && (state == AlertState.FIRING || state == AlertState.RESOLVED);
    }
}

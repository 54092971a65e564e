package dev.meridian.ui.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertDeliveriesTest {

    @Test
    void describe_namesEachTargetItsOutcomeAndRetries() {
        assertThat(AlertDeliveries.describe(List.of(
                Map.of("target", "https://hooks.example.com/services/T0/B0/secret", "attempts", 2, "delivered", true, "detail", "HTTP 200"),
                Map.of("target", "mailto:oncall@example.com", "attempts", 1, "delivered", false,
                        "detail", "no SMTP server is configured (spring.mail.host)"))))
                .isEqualTo("hooks.example.com ✓ (2 attempts) · mailto:oncall@example.com ✗ no SMTP server is configured"
                        + " (spring.mail.host)");
        assertThat(AlertDeliveries.describe(List.of())).isEmpty();
    }
}

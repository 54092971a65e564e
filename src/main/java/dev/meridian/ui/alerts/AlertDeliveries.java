package dev.meridian.ui.alerts;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** How the deliveries of one alert event read in its history row. Pure, unit tested. */
final class AlertDeliveries {

    private AlertDeliveries() {
    }

    /** E.g. "hooks.example.com ✓ (2 attempts) · mailto:oncall@example.com ✗ no SMTP server"; empty when none. */
    static String describe(List<Map<String, Object>> deliveries) {
        return deliveries.stream().map(d -> {
            String target = String.valueOf(d.get("target")).replaceFirst("^https?://", "").replaceFirst("/.*$", "");
            int attempts = ((Number) d.get("attempts")).intValue();
            boolean delivered = Boolean.TRUE.equals(d.get("delivered"));
            String detail = d.get("detail") == null ? "" : String.valueOf(d.get("detail"));
            return target + (delivered ? " ✓" : " ✗ " + detail) + (attempts > 1 ? " (" + attempts + " attempts)" : "");
        }).collect(Collectors.joining(" · "));
    }
}

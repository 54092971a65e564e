package dev.meridian.alerts;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Links into Meridian's UI for notifications, from {@code meridian.alerts.public-url}. */
public record AlertLinks(String baseUrl) {

    public AlertLinks {
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    String alert(String ruleId) {
        return baseUrl + "/alerts/" + URLEncoder.encode(ruleId, StandardCharsets.UTF_8);
    }

    String trace(String traceId) {
        return baseUrl + "/traces/" + URLEncoder.encode(traceId, StandardCharsets.UTF_8);
    }
}

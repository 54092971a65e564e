package dev.meridian.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Alerts ({@code meridian.alerts.*}).
 *
 * @param evaluationInterval how often every rule is evaluated over its window
 * @param publicUrl          the address of Meridian's UI as the receivers of notifications reach it (links to the
 *                           alert and its evidence traces)
 * @param retryBackoff       the first wait before a failed notification is sent again (doubling, 4 attempts)
 * @param mailFrom           the sender of alert e-mails (the SMTP server is {@code spring.mail.host}, {@code port}, …)
 */
@ConfigurationProperties("meridian.alerts")
public record AlertProperties(@DefaultValue("1m") Duration evaluationInterval,
                              @DefaultValue("http://localhost:8080") String publicUrl,
                              @DefaultValue("5s") Duration retryBackoff,
                              @DefaultValue("meridian@localhost") String mailFrom) {

    public AlertProperties {
        if (evaluationInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("meridian.alerts.evaluation-interval must be at least 1s, was " + evaluationInterval);
        }
    }
}

package dev.meridian.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.meridian.dashboards.PanelQuery;
import dev.meridian.dashboards.RedFigure;
import dev.meridian.testing.TestStore;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** Alert e-mail through a real SMTP server (GreenMail, in process), and the delivery it records. */
class AlertEmailTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    @Test
    void firingNotice_isMailedWithItsEvidence_andTheDeliveryIsRecorded() throws Exception {
        try (TestStore store = new TestStore(dir)) {
            JavaMailSenderImpl mail = new JavaMailSenderImpl();
            mail.setHost("127.0.0.1");
            mail.setPort(SMTP.getSmtp().getPort());
            mail.getJavaMailProperties().put("mail.smtp.localhost", "localhost"); // no lookup of this host's name
            AlertStateStore states = new AlertStateStore(store.dataSource);
            AlertRule rule = new AlertRule("r1", "checkout latency", new PanelQuery.Red("checkout", null, RedFigure.P95),
                    new Condition.Threshold(Condition.Op.ABOVE, 500), Duration.ofMinutes(5), Duration.ZERO,
                    List.of(new Notification.Email("oncall@example.com")), 1);
            AlertLinks links = new AlertLinks("https://meridian.example");
            Instant now = Instant.parse("2026-12-01T10:05:00Z");
            GroupState firing = GroupState.initial(now).next(true, 812.0, now, Duration.ZERO);
            Evidence evidence = new Evidence(List.of(new Evidence.TraceRef("4bf92f3577b34da6a3ce929d0e0e4736", 2400, "checkout",
                    "POST /checkout", links.trace("4bf92f3577b34da6a3ce929d0e0e4736"))),
                    List.of(new Evidence.LogLine(now.toString(), "WARN", "slow query: orders lookup took 2400 ms", "checkout",
                            "4bf92f3577b34da6a3ce929d0e0e4736")));
            long eventId = states.appendEvent(rule, "", firing, now.minusSeconds(300), now, evidence);

            try (AlertNotifier notifier = new AlertNotifier(states, mail, "meridian@example.com", Duration.ofMillis(10), Clock.systemUTC())) {
                notifier.send(eventId, rule.targets(), AlertNotice.of(rule, "", firing, now.minusSeconds(300), now, evidence, links, null));
                assertThat(SMTP.waitForIncomingEmail(10_000, 1)).isTrue();
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (states.deliveries(eventId).isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
            }

            MimeMessage message = SMTP.getReceivedMessages()[0];
            assertThat(message.getSubject()).isEqualTo("[Meridian] FIRING: checkout latency");
            assertThat(message.getAllRecipients()[0].toString()).isEqualTo("oncall@example.com");
            String body = (String) message.getContent();
            assertThat(body).contains("value 812", "above 500.0", "https://meridian.example/alerts/r1",
                    "https://meridian.example/traces/4bf92f3577b34da6a3ce929d0e0e4736", "slow query: orders lookup took 2400 ms");
            Map<String, Object> delivery = states.deliveries(eventId).getFirst();
            assertThat(delivery).containsEntry("target", "mailto:oncall@example.com").containsEntry("delivered", true);
        }
    }
}

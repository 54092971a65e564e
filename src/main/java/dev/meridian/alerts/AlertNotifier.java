package dev.meridian.alerts;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends a notice to a rule's targets off the evaluator's thread, each with up to {@value #ATTEMPTS} attempts and a
 * doubling backoff, and records every target's outcome ({@link AlertStateStore#recordDelivery}). A webhook counts as
 * delivered on a 2xx answer; e-mail goes through {@code spring.mail.*} (without a mail host, e-mail targets are
 * recorded as not delivered, with the reason).
 */
public class AlertNotifier implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AlertNotifier.class);
    static final int ATTEMPTS = 4;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AlertStateStore store;
    private final JavaMailSender mail;
    private final String mailFrom;
    private final Duration backoff;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("alert-notify-", 0).factory());

    public AlertNotifier(AlertStateStore store, JavaMailSender mail, String mailFrom, Duration backoff, Clock clock) {
        this.store = store;
        this.mail = mail;
        this.mailFrom = mailFrom;
        this.backoff = backoff;
        this.clock = clock;
    }

    void send(long eventId, List<Notification> targets, AlertNotice notice) {
        for (Notification target : targets) {
            executor.execute(() -> deliver(eventId, target, notice));
        }
    }

    private void deliver(long eventId, Notification target, AlertNotice notice) {
        String name = switch (target) {
            case Notification.Webhook w -> w.url().toString();
            case Notification.Email e -> "mailto:" + e.to();
        };
        String detail = "";
        Duration wait = backoff;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                detail = switch (target) {
                    case Notification.Webhook w -> post(w, notice);
                    case Notification.Email e -> email(e, notice);
                };
                store.recordDelivery(eventId, name, clock.instant(), attempt, true, detail);
                return;
            } catch (IOException | RuntimeException e) {
                detail = e.getMessage() == null ? e.toString() : e.getMessage();
                if (attempt == ATTEMPTS || target instanceof Notification.Email && mail == null) {
                    log.warn("alert notification to {} failed after {} attempts: {}", name, attempt, detail);
                    store.recordDelivery(eventId, name, clock.instant(), attempt, false, detail);
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                store.recordDelivery(eventId, name, clock.instant(), attempt, false, "interrupted: Meridian is stopping");
                return;
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                store.recordDelivery(eventId, name, clock.instant(), attempt, false, "interrupted: Meridian is stopping");
                return;
            }
            wait = wait.multipliedBy(2);
        }
    }

    private String post(Notification.Webhook webhook, AlertNotice notice) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(webhook.url()).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("User-Agent", "Meridian-Alerts")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(notice))).build();
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("the webhook answered HTTP " + response.statusCode());
        }
        return "HTTP " + response.statusCode();
    }

    private String email(Notification.Email email, AlertNotice notice) {
        if (mail == null) {
            throw new IllegalStateException("no SMTP server is configured (spring.mail.host)");
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(mailFrom);
        message.setTo(email.to());
        message.setSubject(notice.subject());
        message.setText(notice.text());
        mail.send(message);
        return "sent";
    }

    /** Lets deliveries under way finish for a few seconds (their outcome is recorded), then interrupts them. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}

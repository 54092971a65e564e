package dev.meridian.alerts;

import java.net.URI;

/** Where a rule's firing and resolved moments are sent. */
public sealed interface Notification {

    /** A POST of the alert as JSON (with a Slack-compatible {@code text}). */
    record Webhook(URI url) implements Notification {
    }

    /** An e-mail over the SMTP server of {@code spring.mail.*}. */
    record Email(String to) implements Notification {
    }
}

package dev.meridian.journeys;

import com.microsoft.playwright.Page;

/** The one wait helper: Vaadin does not tell Playwright when a server round trip is over. */
final class Vaadin {

    private Vaadin() {
    }

    /** Waits until Flow has booted and has no request in flight. */
    static void settle(Page page) {
        page.waitForFunction("() => window.Vaadin && window.Vaadin.Flow && window.Vaadin.Flow.clients"
                + " && Object.values(window.Vaadin.Flow.clients).length > 0"
                + " && Object.values(window.Vaadin.Flow.clients).every(c => !c.isActive())");
    }
}

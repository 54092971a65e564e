package dev.meridian.journeys;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/** {@code /logs}: log search. */
final class LogsPage {

    private final Page page;

    private LogsPage(Page page) {
        this.page = page;
    }

    static LogsPage open(Page page, String baseUrl, String query) {
        page.navigate(baseUrl + "/logs?" + query);
        Vaadin.settle(page);
        return new LogsPage(page);
    }

    LogsPage search(String text) {
        Locator field = page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Search text"));
        field.fill(text);
        field.press("Enter");
        page.waitForURL(url -> url.contains("q="));
        Vaadin.settle(page);
        return this;
    }

    Locator body(String text) {
        return page.locator(".log-body", new Page.LocatorOptions().setHasText(text)).first();
    }

    /** Opens the trace of the first record shown (the search should leave one). */
    TracePage openFirstTrace() {
        page.locator("a.log-trace:not([hidden])").first().click();
        page.waitForURL(url -> url.matches(".*/traces/[0-9a-f]{32}.*"));
        Vaadin.settle(page);
        return new TracePage(page);
    }
}

package dev.meridian.journeys;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/** {@code /alerts} and a rule's page {@code /alerts/{id}}: write a rule, see its state and evidence. */
final class AlertsPage {

    private final Page page;

    private AlertsPage(Page page) {
        this.page = page;
    }

    static AlertsPage open(Page page, String baseUrl) {
        page.onConsoleMessage(m -> System.out.println("CONSOLE " + m.type() + ": " + m.text()));
        page.onPageError(e -> System.out.println("PAGEERROR " + e));
        page.navigate(baseUrl + "/alerts");
        Vaadin.settle(page);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New rule")).waitFor();
        return new AlertsPage(page);
    }

    /** Creates a rule from its JSON in the dialog; lands on the rule's page. */
    AlertsPage create(String ruleJson) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New rule")).click();
        Vaadin.settle(page);
        page.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Path.of("target", "screenshots", "alert-dialog.png")));
        String html = page.content();
        int at = html.indexOf("<vaadin-dialog");
        System.out.println("DIALOGHTML " + (at < 0 ? "none" : html.substring(at, Math.min(html.length(), at + 1500))));
        Locator dialog = page.getByRole(AriaRole.DIALOG);
        dialog.getByLabel("Rule JSON").fill(ruleJson);
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create")).click();
        page.waitForURL("**/alerts/*");
        Vaadin.settle(page);
        return this;
    }

    String ruleId() {
        String url = page.url();
        return url.substring(url.lastIndexOf('/') + 1);
    }

    AlertsPage reload() {
        page.reload();
        Vaadin.settle(page);
        return this;
    }

    /** The state badge of the rule's (first) group, e.g. "firing". */
    Locator state(String state) {
        return page.locator(".alert-group").getByText(state, new Locator.GetByTextOptions().setExact(true)).first();
    }

    /** Opens the first evidence trace. */
    TracePage openFirstEvidenceTrace() {
        page.locator("vaadin-grid[aria-label='Evidence traces'] a").first().click();
        page.waitForURL("**/traces/*");
        Vaadin.settle(page);
        return new TracePage(page);
    }

    void screenshot(java.nio.file.Path path) {
        page.screenshot(new Page.ScreenshotOptions().setPath(path).setFullPage(true));
    }
}

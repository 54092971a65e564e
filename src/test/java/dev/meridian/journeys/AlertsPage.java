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
        page.navigate(baseUrl + "/alerts");
        Vaadin.settle(page);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New rule")).waitFor();
        return new AlertsPage(page);
    }

    /** Creates a rule from its JSON in the dialog; lands on the rule's page. */
    AlertsPage create(String ruleJson) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New rule")).click();
        Locator dialog = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("New alert rule"));
        dialog.getByLabel("Rule JSON").fill(ruleJson);
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Preview last 24 h")).click();
        dialog.getByText("the rule would have fired").waitFor();
        page.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Path.of("target", "screenshots", "alert-preview.png")));
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create")).click();
        page.waitForURL("**/alerts/*");
        Vaadin.settle(page);
        return this;
    }

    /** Opens "Pick query…", picks the service's RED figures with the panel dialog's defaults; returns the rule JSON. */
    String pickRedQueryOf(String service) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New rule")).click();
        Locator rule = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("New alert rule"));
        rule.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Pick query…")).click();
        Locator picker = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Pick the query to watch"));
        Locator serviceField = picker.getByRole(AriaRole.COMBOBOX, new Locator.GetByRoleOptions().setName("Service"));
        serviceField.fill(service);
        serviceField.press("Enter");
        Vaadin.settle(page);
        picker.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add").setExact(true)).click();
        Vaadin.settle(page);
        String json = rule.getByLabel("Rule JSON").inputValue();
        rule.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel")).click();
        Vaadin.settle(page);
        return json;
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

    /** The state badge, e.g. "firing": of the rule's (first) group on its page, of the first rule in the list. */
    Locator state(String state) {
        return page.locator(".alert-group, vaadin-grid-cell-content").getByText(state, new Locator.GetByTextOptions().setExact(true)).first();
    }

    /** Opens the first evidence trace, named by its root span, e.g. "GET /checkout". */
    TracePage openFirstEvidenceTrace(String rootName) {
        page.getByRole(AriaRole.LINK).filter(new Locator.FilterOptions().setHasText(rootName)).first().click();
        page.waitForURL("**/traces/*");
        Vaadin.settle(page);
        return new TracePage(page);
    }

    void screenshot(java.nio.file.Path path) {
        page.screenshot(new Page.ScreenshotOptions().setPath(path).setFullPage(true));
    }
}

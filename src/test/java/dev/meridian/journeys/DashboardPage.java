package dev.meridian.journeys;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Position;
import java.time.Instant;
import java.util.List;

/** {@code /dashboards} and {@code /dashboards/{id}}: a user's own dashboard. */
final class DashboardPage {

    private final Page page;

    private DashboardPage(Page page) {
        this.page = page;
    }

    /** Creates a dashboard from the list page and lands on it. */
    static DashboardPage create(Page page, String baseUrl, String timeQuery, String title) {
        page.navigate(baseUrl + "/dashboards?" + timeQuery);
        Vaadin.settle(page);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New dashboard")).click();
        Locator dialog = page.getByRole(AriaRole.DIALOG);
        dialog.getByLabel("Title").fill(title);
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create")).click();
        page.waitForURL(url -> url.matches(".*/dashboards/[^/?]+.*"));
        Vaadin.settle(page);
        return new DashboardPage(page);
    }

    /** Adds a RED panel of the service with the dialog's defaults (p95 latency, lines). */
    DashboardPage addRedPanel(String service) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add panel")).first().click();
        Locator dialog = page.getByRole(AriaRole.DIALOG);
        Locator serviceField = dialog.getByRole(AriaRole.COMBOBOX, new Locator.GetByRoleOptions().setName("Service"));
        serviceField.fill(service);
        serviceField.press("Enter");
        Vaadin.settle(page);
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add").setExact(true)).click();
        Vaadin.settle(page);
        return this;
    }

    DashboardPage save() {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
        Vaadin.settle(page);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Edit")).waitFor();
        return this;
    }

    /** Reloads the page: what shows now was stored. */
    DashboardPage reload() {
        page.reload();
        Vaadin.settle(page);
        return this;
    }

    Locator panelTitled(String text) {
        return page.locator(".dashboard-panel", new Page.LocatorOptions().setHasText(text)).first();
    }

    /** Clicks the first panel's plot at the given time, a little above the x axis. */
    TraceSearchPage clickFirstPanelAt(Instant time) {
        Locator chart = page.locator(".dashboard-panel meridian-echart").first();
        chart.locator("canvas").first().waitFor();
        @SuppressWarnings("unchecked")
        List<Number> pixel = (List<Number>) chart.evaluate("(el, t) => el.pixelOf(t, 0)", (double) time.toEpochMilli());
        chart.click(new Locator.ClickOptions().setPosition(new Position(pixel.get(0).doubleValue(),
                pixel.get(1).doubleValue() - 12)));
        page.waitForURL(url -> url.contains("/traces?"));
        Vaadin.settle(page);
        return new TraceSearchPage(page);
    }
}

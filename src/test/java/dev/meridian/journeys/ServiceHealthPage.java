package dev.meridian.journeys;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import com.microsoft.playwright.options.AriaRole;

/** {@code /dashboards/service-health}: the built-in dashboard with its {@code $service} picker. */
final class ServiceHealthPage {

    private final Page page;

    private ServiceHealthPage(Page page) {
        this.page = page;
    }

    static ServiceHealthPage open(Page page, String baseUrl, String timeQuery) {
        page.navigate(baseUrl + "/dashboards/service-health?" + timeQuery);
        Vaadin.settle(page);
        page.locator(".dashboard-title").getByText("Service health").waitFor();
        page.waitForURL(url -> url.contains("var-service=")); // the first load chose the default service
        return new ServiceHealthPage(page).loaded();
    }

    /**
     * Waits until no panel is loading. A load fills the pickers before the panels, so after this a typed value is
     * not overwritten by the options of a load still in flight (on a busy machine the first pick raced the first
     * load: the picker was refilled under the typing and the URL never changed).
     */
    private ServiceHealthPage loaded() {
        page.locator("meridian-echart[data-chart-state='loading']").first()
                .waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));
        return this;
    }

    Locator picker(String variable) {
        return page.getByRole(AriaRole.COMBOBOX, new Page.GetByRoleOptions().setName(variable).setExact(true));
    }

    /** Types the service into the picker and commits it; waits for the URL to carry it. */
    ServiceHealthPage pickService(String service) {
        Locator picker = picker("service");
        picker.fill(service);
        picker.press("Enter");
        page.waitForURL(url -> url.contains("var-service=" + service));
        Vaadin.settle(page);
        return loaded();
    }

    ServiceHealthPage reload() {
        page.reload();
        Vaadin.settle(page);
        return this;
    }

    String url() {
        return page.url();
    }

    String pickedService() {
        return picker("service").inputValue();
    }

    /** The panel's title as shown (variables substituted). */
    String title(String panelId) {
        return panel(panelId).locator(".dashboard-panel-title").innerText();
    }

    /** Waits until the panel's chart has left its loading state and returns it: ready, empty or error. */
    String chartState(String panelId) {
        Locator chart = panel(panelId).locator("meridian-echart");
        chart.and(page.locator("[data-chart-state='ready'], [data-chart-state='empty'], [data-chart-state='error']"))
                .waitFor();
        return chart.getAttribute("data-chart-state");
    }

    String statValue(String panelId) {
        return panel(panelId).locator(".dashboard-stat-value").innerText();
    }

    private Locator panel(String panelId) {
        return page.locator(".dashboard-panel[data-panel-id='" + panelId + "']");
    }
}

package dev.meridian.journeys;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/** {@code /}: the services overview. */
final class ServicesPage {

    private final Page page;

    private ServicesPage(Page page) {
        this.page = page;
    }

    static ServicesPage open(Page page, String baseUrl, String timeQuery) {
        page.navigate(baseUrl + "/?" + timeQuery);
        Vaadin.settle(page);
        return new ServicesPage(page);
    }

    ServicesPage waitForService(String service) {
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(service).setExact(true)).waitFor();
        return this;
    }

    ServicePage openService(String service) {
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(service).setExact(true)).click();
        Vaadin.settle(page);
        return new ServicePage(page);
    }
}

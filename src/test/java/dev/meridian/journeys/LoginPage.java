package dev.meridian.journeys;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/** {@code /login}: Vaadin's login form, where every protected page sends a visitor who has not logged in. */
final class LoginPage {

    private final Page page;

    private LoginPage(Page page) {
        this.page = page;
    }

    /** The login page the browser was sent to; waits until the form is there. */
    static LoginPage shown(Page page) {
        page.waitForURL(url -> url.contains("/login"));
        Vaadin.settle(page);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).waitFor();
        return new LoginPage(page);
    }

    /** Submits the form; the browser then follows Spring Security's redirect. */
    void logIn(String username, String password) {
        page.getByLabel("Username").fill(username);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
    }

    Locator error() {
        return page.getByText("Incorrect username or password");
    }
}

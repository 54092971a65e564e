package dev.meridian.journeys;

import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium driven by Playwright. Playwright may not download a browser here, so the
 * executable comes from {@code -Dmeridian.test.chromium} or {@code MERIDIAN_CHROMIUM}
 * (default {@code /usr/bin/chromium}). Any JavaScript dialog is recorded: a page that runs
 * injected script fails the journey.
 */
final class Browser implements AutoCloseable {

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser browser;
    private final List<String> dialogs = new ArrayList<>();

    Browser() {
        String executable = System.getProperty("meridian.test.chromium",
                System.getenv().getOrDefault("MERIDIAN_CHROMIUM", "/usr/bin/chromium"));
        if (!Files.isExecutable(Path.of(executable))) {
            throw new IllegalStateException("No Chromium at " + executable
                    + ": install Debian's chromium or set MERIDIAN_CHROMIUM / -Dmeridian.test.chromium");
        }
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Path.of(executable))
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
    }

    Page newPage() {
        Page page = browser.newPage(new com.microsoft.playwright.Browser.NewPageOptions().setViewportSize(1400, 1000));
        page.setDefaultTimeout(20_000);
        page.onDialog(dialog -> {
            dialogs.add(dialog.type() + ": " + dialog.message());
            dialog.dismiss();
        });
        return page;
    }

    /** The dialogs any page opened: must stay empty, since Meridian never opens one. */
    List<String> dialogs() {
        return List.copyOf(dialogs);
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}

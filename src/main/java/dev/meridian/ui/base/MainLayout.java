package dev.meridian.ui.base;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.spring.security.AuthenticationContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

/**
 * The frame of every view: navigation, and the time range and refresh controls. The time selection
 * lives in the URL; changing it navigates to the same view with new parameters, and the navigation
 * links carry it to the next view.
 */
public class MainLayout extends AppLayout implements AfterNavigationObserver {

    private record NavTarget(String label, String path, VaadinIcon icon) {
    }

    private static final List<NavTarget> TARGETS = List.of(
            new NavTarget("Services", "", VaadinIcon.CLUSTER),
            new NavTarget("Traces", "traces", VaadinIcon.SPLIT),
            new NavTarget("Service map", "map", VaadinIcon.CONNECT),
            new NavTarget("Logs", "logs", VaadinIcon.LINES_LIST),
            new NavTarget("Metrics", "metrics", VaadinIcon.CHART_LINE),
            new NavTarget("Dashboards", "dashboards", VaadinIcon.DASHBOARD),
            new NavTarget("Alerts", "alerts", VaadinIcon.BELL));

    private final RefreshScheduler scheduler;
    private final TimeRangePicker timeRangePicker = new TimeRangePicker();
    private final RefreshControl refreshControl = new RefreshControl();
    private final Map<NavTarget, SideNavItem> navItems = new HashMap<>();
    private Location location;
    private TimeSelection selection = TimeSelection.DEFAULT;
    private ScheduledFuture<?> refreshTask;

    public MainLayout(RefreshScheduler scheduler, AuthenticationContext authentication) {
        this.scheduler = scheduler;
        Span title = new Span("Meridian");
        title.addClassName("meridian-title");
        HorizontalLayout controls = new HorizontalLayout(timeRangePicker, refreshControl, new ThemeToggle());
        controls.setAlignItems(FlexComponent.Alignment.CENTER);
        controls.addClassName("meridian-time-controls");
        if (authentication.isAuthenticated()) { // never with meridian.security.enabled=false
            Button logout = new Button("Log out", VaadinIcon.SIGN_OUT.create(), click -> authentication.logout());
            logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            controls.add(logout);
        }
        HorizontalLayout navbar = new HorizontalLayout(new DrawerToggle(), title, controls);
        navbar.setAlignItems(FlexComponent.Alignment.CENTER);
        navbar.setWidthFull();
        navbar.expand(title);
        navbar.addClassName("meridian-navbar");
        addToNavbar(navbar);

        SideNav nav = new SideNav();
        for (NavTarget target : TARGETS) {
            SideNavItem item = new SideNavItem(target.label(), target.path(), target.icon().create());
            navItems.put(target, item);
            nav.addItem(item);
        }
        addToDrawer(nav);

        timeRangePicker.addSelectionListener(window -> navigateWith(selection.withWindow(window)));
        refreshControl.addIntervalListener(interval -> navigateWith(selection.withRefresh(interval)));
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        location = event.getLocation();
        selection = TimeSelection.fromParameters(location.getQueryParameters().getParameters());
        timeRangePicker.show(selection);
        refreshControl.show(selection.refresh());
        QueryParameters carried = QueryParameters.simple(selection.toParameters());
        navItems.forEach((target, item) -> item.setQueryParameters(carried));
        reschedule();
    }

    private void navigateWith(TimeSelection next) {
        if (location == null) {
            return;
        }
        Map<String, List<String>> parameters = new HashMap<>(location.getQueryParameters().getParameters());
        parameters.remove(TimeSelection.REFRESH);
        next.toParameters().forEach((name, value) -> parameters.put(name, List.of(value)));
        getUI().ifPresent(ui -> ui.navigate(location.getPath(), new QueryParameters(parameters)));
    }

    private void reschedule() {
        cancelRefresh();
        Duration interval = selection.refresh();
        UI ui = UI.getCurrent();
        if (interval == null || ui == null) {
            return;
        }
        refreshTask = scheduler.every(interval, () -> ui.access(() -> {
            // holds the session lock only to start the view's queries: they run off the lock (ViewLoader)
            if (getContent() instanceof Refreshable view) {
                view.refresh();
            }
        }));
    }

    private void cancelRefresh() {
        if (refreshTask != null) {
            refreshTask.cancel(false);
            refreshTask = null;
        }
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        if (location != null) {
            reschedule();
        }
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        cancelRefresh();
        super.onDetach(detachEvent);
    }

    @Override
    public void showRouterLayoutContent(HasElement content) {
        super.showRouterLayoutContent(content);
        if (content instanceof Component component) {
            component.getElement().getClassList().add("meridian-view");
        }
    }
}

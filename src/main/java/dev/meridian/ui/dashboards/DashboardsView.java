package dev.meridian.ui.dashboards;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.meridian.ui.base.MainLayout;

/** {@code /dashboards}: custom dashboards are not built yet; the page says so rather than pretending. */
@Route(value = "dashboards", layout = MainLayout.class)
@PageTitle("Dashboards · Meridian")
public class DashboardsView extends VerticalLayout {

    public DashboardsView() {
        add(new H2("Dashboards"), new Paragraph("Custom dashboards are not available yet. "
                + "The service pages show throughput, error rate, latency and resource usage for every service."));
    }
}

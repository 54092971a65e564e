package dev.meridian.ui.services;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.meridian.ui.base.MainLayout;

@Route(value = "", layout = MainLayout.class)
@PageTitle("Services · Meridian")
public class ServicesView extends VerticalLayout {

    public ServicesView() {
        add(new H2("Services"));
    }
}

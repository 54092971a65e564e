package dev.meridian.ui;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.theme.lumo.Lumo;

/** Live dashboards need server push; Vaadin 25 applies no theme unless one is named here. */
@Push
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet("meridian.css")
public class AppShell implements AppShellConfigurator {

    @Override
    public void configurePage(AppShellSettings settings) {
        settings.setPageTitle("Meridian");
    }
}

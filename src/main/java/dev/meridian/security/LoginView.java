package dev.meridian.security;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/**
 * {@code /login}: Vaadin's {@link LoginForm}, posting to Spring Security's form login (set up by
 * {@code VaadinSecurityConfigurer}); {@code ?error} after a refused login. With security disabled there is
 * nothing to log in to, so it forwards to the services overview.
 */
@Route(value = "login", autoLayout = false)
@PageTitle("Log in · Meridian")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

    private final LoginForm form = new LoginForm();
    private final boolean securityEnabled;

    public LoginView(SecurityProperties properties) {
        this.securityEnabled = properties.enabled();
        LoginI18n i18n = LoginI18n.createDefault();
        i18n.setAdditionalInformation("User admin. Its password is meridian.security.admin-password, or the one"
                + " printed in the log of Meridian's first start.");
        form.setI18n(i18n);
        form.setAction("login");
        form.setForgotPasswordButtonVisible(false);
        addClassName("meridian-login");
        setSizeFull();
        setAlignItems(FlexComponent.Alignment.CENTER);
        setJustifyContentMode(FlexComponent.JustifyContentMode.CENTER);
        add(new H1("Meridian"), form);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (!securityEnabled) {
            event.forwardTo("");
            return;
        }
        form.setError(event.getLocation().getQueryParameters().getParameters().containsKey("error"));
    }
}

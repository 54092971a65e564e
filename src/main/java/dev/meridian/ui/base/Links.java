package dev.meridian.ui.base;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.QueryParameters;

/**
 * Navigation to the links views build ({@code "services/cart?range=1h"}): Flow's {@code UI.navigate(String)}
 * keeps a {@code ?} in the path and asserts on it, so the path and the query string go in separately.
 */
public final class Links {

    private Links() {
    }

    public static void navigate(UI ui, String link) {
        int question = link.indexOf('?');
        if (question < 0) {
            ui.navigate(link);
        } else {
            ui.navigate(link.substring(0, question), QueryParameters.fromString(link.substring(question + 1)));
        }
    }
}

package dev.meridian.ui.base;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.icon.VaadinIcon;

/**
 * Light or dark, remembered by the browser; charts follow because they watch the page's theme
 * attribute. {@code index.html} applies the remembered choice before the first paint.
 */
class ThemeToggle extends Button {

    ThemeToggle() {
        super(VaadinIcon.ADJUST.create());
        addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ICON);
        setAriaLabel("Toggle dark theme");
        setTooltipText("Light / dark");
        addClickListener(click -> getElement().executeJs(
                "const root = document.documentElement;"
                        + "const dark = root.getAttribute('theme') !== 'dark';"
                        + "if (dark) { root.setAttribute('theme', 'dark'); } else { root.removeAttribute('theme'); }"
                        + "try { localStorage.setItem('meridian.theme', dark ? 'dark' : 'light'); } catch (e) {}"));
    }
}

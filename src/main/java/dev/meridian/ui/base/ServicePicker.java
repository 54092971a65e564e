package dev.meridian.ui.base;

import com.vaadin.flow.component.combobox.ComboBox;

/**
 * A service name filter: empty means all services, and a name can be typed that is not in the list
 * (a service that only sent logs or metrics, or none in the window yet).
 */
public class ServicePicker extends ComboBox<String> {

    public ServicePicker(String label) {
        super(label);
        setPlaceholder("All services");
        setAllowCustomValue(true);
        setClearButtonVisible(true);
        addCustomValueSetListener(e -> setValue(e.getDetail()));
    }
}

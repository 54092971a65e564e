package dev.meridian.telemetry;

/** The entity producing telemetry; its {@code service.name} attribute names the service. */
public record Resource(Attributes attributes, int droppedAttributesCount) {

    public static final String UNKNOWN_SERVICE = "unknown_service";
    public static final Resource EMPTY = new Resource(Attributes.EMPTY, 0);

    public String serviceName() {
        String name = attributes.getString("service.name");
        return name == null || name.isBlank() ? UNKNOWN_SERVICE : name;
    }
}

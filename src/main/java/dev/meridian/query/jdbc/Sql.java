package dev.meridian.query.jdbc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A statement assembled from constant fragments with its bind parameters. Nothing from the user ever
 * becomes SQL text: values go through {@link #bind}, and only constants through {@link #append}.
 */
final class Sql {

    private final StringBuilder text = new StringBuilder();
    private final List<Object> parameters = new ArrayList<>();

    Sql append(String constant) {
        text.append(constant);
        return this;
    }

    /** Appends a constant fragment with one '?' per value. */
    Sql append(String constant, Object... values) {
        text.append(constant);
        Collections.addAll(parameters, values);
        return this;
    }

    Sql inList(String column, List<?> values) {
        text.append(column).append(" IN (").append(String.join(", ", Collections.nCopies(values.size(), "?"))).append(')');
        parameters.addAll(values);
        return this;
    }

    String text() {
        return text.toString();
    }

    Object[] parameters() {
        return parameters.toArray();
    }

    @Override
    public String toString() {
        return text + " " + parameters;
    }
}

package io.coremonitor.engine.catalog.internal;

import io.coremonitor.engine.catalog.Parameter;
import java.util.Optional;

/** Whether a value fits a parameter's type, values and pattern. */
public final class ParameterValues {

    private ParameterValues() {
    }

    /** What is wrong with {@code value} for {@code p}, for a person; empty when it fits. */
    public static Optional<String> problem(Parameter p, String value) {
        switch (p.type()) {
            case INT -> {
                if (!value.matches("-?[0-9]{1,9}")) {
                    return Optional.of("'" + value + "' is not a whole number");
                }
            }
            case BOOL -> {
                if (!value.equals("true") && !value.equals("false")) {
                    return Optional.of("'" + value + "' is not true or false");
                }
            }
            case PORT -> {
                if (!value.matches("[0-9]{1,5}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > 65535) {
                    return Optional.of("'" + value + "' is not a port (1 to 65535)");
                }
            }
            case ENUM -> {
                if (!p.values().contains(value)) {
                    return Optional.of("'" + value + "' is not one of " + String.join(", ", p.values()));
                }
            }
            default -> {
                // STRING and PASSWORD take any text, within the pattern below
            }
        }
        if (p.pattern().isPresent() && !p.pattern().get().matcher(value).matches()) {
            return Optional.of((p.secret() ? "the value" : "'" + value + "'") + " does not match the pattern "
                + p.pattern().get().pattern());
        }
        return Optional.empty();
    }
}

package io.coremonitor.engine.catalog;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A value a component is configured with.
 *
 * @param name         the key in the choices and in the placeholders ({@code ${param.user}})
 * @param label        what a form shows
 * @param type         its type
 * @param defaultValue the value when the choices give none
 * @param required     whether a value is needed (from the choices, the default or the generator)
 * @param pattern      a regular expression the whole value must match
 * @param values       the allowed values of an {@link ParameterType#ENUM}
 * @param generate     how a missing value is generated
 * @param secret       whether the value is a secret: never written into the compose definition, only referenced
 *                     ({@code ${secret.NAME}}), and handed to the caller to store
 */
public record Parameter(String name, String label, ParameterType type, Optional<String> defaultValue, boolean required,
        Optional<Pattern> pattern, List<String> values, Optional<Generate> generate, boolean secret) {

    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(pattern, "pattern");
        values = List.copyOf(values);
        Objects.requireNonNull(generate, "generate");
    }
}

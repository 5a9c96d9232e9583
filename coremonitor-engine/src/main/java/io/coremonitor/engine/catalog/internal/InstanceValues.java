package io.coremonitor.engine.catalog.internal;

import io.coremonitor.engine.catalog.SecretValue;
import java.util.Map;

/**
 * An instance's parameter values after defaults and generation: the plain ones, written into the definition, and
 * the secret ones, only referenced by name.
 *
 * @param values  plain parameter name to value (a parameter without value is absent)
 * @param secrets secret parameter name to its secret
 */
public record InstanceValues(Map<String, String> values, Map<String, SecretValue> secrets) {

    public InstanceValues {
        values = Map.copyOf(values);
        secrets = Map.copyOf(secrets);
    }
}

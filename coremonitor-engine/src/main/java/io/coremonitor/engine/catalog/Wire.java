package io.coremonitor.engine.catalog;

import java.util.Objects;

/**
 * A requirement of one instance resolved to the instance that provides it.
 *
 * @param instance  the instance that requires
 * @param key       the requirement's key
 * @param provider  the instance that provides
 * @param automatic whether the engine wired it (exactly one provider fitted) rather than the choices
 */
public record Wire(String instance, String key, String provider, boolean automatic) {

    public Wire {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(provider, "provider");
    }
}

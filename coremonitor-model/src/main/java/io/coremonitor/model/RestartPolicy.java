package io.coremonitor.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A container restart policy ({@code restart:} or {@code deploy.restart_policy}).
 *
 * @param mode       no, always, on-failure, unless-stopped
 * @param maxRetries only with on-failure
 */
public record RestartPolicy(Mode mode, Optional<Integer> maxRetries) {

    /** Docker's restart modes. */
    public enum Mode {
        NO("no"), ALWAYS("always"), ON_FAILURE("on-failure"), UNLESS_STOPPED("unless-stopped");

        private final String value;

        Mode(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }

    public RestartPolicy {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(maxRetries, "maxRetries");
        if (maxRetries.isPresent() && mode != Mode.ON_FAILURE) {
            throw new IllegalArgumentException("maxRetries is only meaningful with on-failure");
        }
    }

    /** Parses {@code no|always|on-failure[:N]|unless-stopped}; empty when invalid. */
    public static Optional<RestartPolicy> parse(String text) {
        for (Mode m : Mode.values()) {
            if (m.value.equals(text)) {
                return Optional.of(new RestartPolicy(m, Optional.empty()));
            }
        }
        if (text.matches("on-failure:[0-9]{1,9}")) {
            return Optional.of(new RestartPolicy(Mode.ON_FAILURE, Optional.of(Integer.parseInt(text.substring(11)))));
        }
        return Optional.empty();
    }

    /** The compose spelling: {@code on-failure:3}. */
    @Override
    public String toString() {
        return maxRetries.map(n -> mode.value + ":" + n).orElse(mode.value);
    }
}

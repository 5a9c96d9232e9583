package io.coremonitor.engine.catalog;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the rules engine says about a set of choices.
 *
 * @param errors   what must change before the stack can be made, in the order of the choices; empty when valid
 * @param warnings what may be worth a look (an optional requirement several instances could fill, left unwired)
 * @param wiring   every requirement resolved, explicit or automatic, sorted by instance and key
 * @param compose  the generated compose definition (YAML), present exactly when there is no error
 * @param secrets  the secrets it references, with their values, for the caller to store (empty with errors)
 */
public record RulesResult(List<RuleMessage> errors, List<RuleMessage> warnings, List<Wire> wiring, Optional<String> compose,
        List<SecretValue> secrets) {

    public RulesResult {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
        wiring = List.copyOf(wiring);
        Objects.requireNonNull(compose, "compose");
        secrets = List.copyOf(secrets);
        if (compose.isPresent() != errors.isEmpty()) {
            throw new IllegalArgumentException("a result has a compose definition exactly when it has no error");
        }
    }

    /** Whether the choices make a stack. */
    public boolean valid() {
        return errors.isEmpty();
    }

    /** The errors whose path is {@code path}. */
    public List<RuleMessage> errorsAt(String path) {
        return errors.stream().filter(e -> e.path().equals(path)).toList();
    }
}

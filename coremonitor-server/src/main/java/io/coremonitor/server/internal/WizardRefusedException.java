package io.coremonitor.server.internal;

import io.coremonitor.server.internal.WizardBodies.RuleMessageView;
import java.util.List;

/**
 * Choices the wizard does not make a stack or a version from: a 422 with the rules' errors at their paths into the
 * choices, or a 409 (a secret name taken) with the path of the parameter whose secret it is. Each error keeps its fix
 * and suggestions, like the answers of {@code /wizard/validate}.
 */
final class WizardRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient List<RuleMessageView> errors;

    WizardRefusedException(int status, String detail, List<RuleMessageView> errors) {
        super(detail);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    /** A 422 for these errors of the choices. */
    static WizardRefusedException invalid(List<RuleMessageView> errors) {
        String first = errors.isEmpty() ? "" : ": " + errors.get(0).path() + ": " + errors.get(0).message();
        return new WizardRefusedException(422, errors.size() + (errors.size() == 1 ? " error" : " errors")
                + " in the choices" + first, errors);
    }

    int status() {
        return status;
    }

    List<RuleMessageView> errors() {
        return errors;
    }
}

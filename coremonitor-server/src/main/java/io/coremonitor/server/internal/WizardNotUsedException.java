package io.coremonitor.server.internal;

import io.coremonitor.model.Stack;

/** A stack none of whose versions the wizard made: it has no choices to start from (404). */
final class WizardNotUsedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    WizardNotUsedException(Stack stack) {
        super("stack " + stack.stackId() + " (" + stack.name() + ") was not made by the wizard: it has no choices");
    }
}

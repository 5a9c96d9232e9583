package io.coremonitor.engine.catalog.internal;

import io.coremonitor.engine.catalog.RuleMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The errors and warnings gathered while the choices are evaluated. */
public final class Findings {

    private final List<RuleMessage> errors = new ArrayList<>();
    private final List<RuleMessage> warnings = new ArrayList<>();

    /** An error with its fix. */
    public void error(String path, String message, String fix, List<String> suggestions) {
        errors.add(new RuleMessage(path, message, Optional.ofNullable(fix), suggestions));
    }

    /** An error with its fix and nothing to choose from. */
    public void error(String path, String message, String fix) {
        error(path, message, fix, List.of());
    }

    /** A warning. */
    public void warning(String path, String message, String fix, List<String> suggestions) {
        warnings.add(new RuleMessage(path, message, Optional.ofNullable(fix), suggestions));
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public List<RuleMessage> errors() {
        return List.copyOf(errors);
    }

    public List<RuleMessage> warnings() {
        return List.copyOf(warnings);
    }
}

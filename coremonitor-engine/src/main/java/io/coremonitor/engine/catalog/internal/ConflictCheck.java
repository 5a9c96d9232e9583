package io.coremonitor.engine.catalog.internal;

import io.coremonitor.engine.catalog.Conflict;
import java.util.List;
import java.util.Optional;

/** Refuses two chosen components that conflict, whichever of them declares it; the error is at the later one. */
public final class ConflictCheck {

    private final Findings findings;

    public ConflictCheck(Findings findings) {
        this.findings = findings;
    }

    public void check(List<Instance> instances) {
        for (int j = 0; j < instances.size(); j++) {
            for (int i = 0; i < j; i++) {
                Instance earlier = instances.get(i);
                Instance later = instances.get(j);
                Optional<Conflict> conflict = declared(earlier, later).or(() -> declared(later, earlier));
                conflict.ifPresent(c -> findings.error(later.path(), later.label() + " cannot be in the same stack as "
                    + earlier.label() + ": " + c.reason(),
                    "remove " + later.label() + " (" + later.path() + ") or " + earlier.label() + " (" + earlier.path()
                        + ")" + (c.versions().isAny() ? "" : ", or a version of " + c.component() + " outside " + c.versions()),
                    List.of(later.name(), earlier.name())));
            }
        }
    }

    private static Optional<Conflict> declared(Instance by, Instance other) {
        return by.component().conflicts().stream()
            .filter(c -> c.component().equals(other.component().id()) && c.versions().contains(other.version().version()))
            .findFirst();
    }
}

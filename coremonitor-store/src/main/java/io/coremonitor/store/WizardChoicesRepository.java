package io.coremonitor.store;

import java.util.Optional;

/** The wizard's choices of the versions it made, one record per version (deleted with the version). */
public interface WizardChoicesRepository {

    /**
     * Records the choices a version was made from, replacing those recorded for it before.
     *
     * @param choices the choices as JSON text (never a secret's value: the caller leaves them out)
     * @return what is recorded
     * @throws io.coremonitor.model.VersionNotFoundException when the stack has no such version
     */
    WizardChoicesRecord put(String stackId, String version, String choices, String actor);

    /** The choices of the stack's newest version the wizard made; empty when it made none. */
    Optional<WizardChoicesRecord> latest(String stackId);
}

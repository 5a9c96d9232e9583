package io.coremonitor.engine;

/**
 * A deployment request that cannot be carried out (unknown service, a service without x-coremonitor-deploy, an unknown
 * artifact, an artifact its target does not take, a bad path); nothing was enqueued (422).
 */
public class InvalidDeploymentException extends InvalidInputException {

    /**
     * @param field   the request field it is about: {@code service}, {@code artifact} or {@code path}
     * @param message what is wrong and how to fix it
     */
    public InvalidDeploymentException(String field, String message) {
        super(field, message);
    }
}

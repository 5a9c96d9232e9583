package io.coremonitor.server.internal;

/** A dependency (Docker) does not answer: 503 with a detail saying which and where. */
public final class ServiceUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ServiceUnavailableException(String message) {
        super(message);
    }

    public ServiceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

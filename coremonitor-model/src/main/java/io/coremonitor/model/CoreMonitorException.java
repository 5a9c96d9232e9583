package io.coremonitor.model;

/** The root of every exception Core Monitor throws on purpose. Unchecked. */
public class CoreMonitorException extends RuntimeException {

    public CoreMonitorException(String message) {
        super(message);
    }

    public CoreMonitorException(String message, Throwable cause) {
        super(message, cause);
    }
}

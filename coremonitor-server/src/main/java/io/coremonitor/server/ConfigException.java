package io.coremonitor.server;

import io.coremonitor.model.CoreMonitorException;

/** A bad server setting: the server refuses to start and says why. */
public class ConfigException extends CoreMonitorException {

    public ConfigException(String message) {
        super(message);
    }
}

package io.coremonitor.engine.git;

import io.coremonitor.engine.InvalidInputException;

/** Git settings refused for one of their fields (such as {@code git.url}); nothing was changed. */
public final class InvalidGitSettingsException extends InvalidInputException {

    public InvalidGitSettingsException(String field, String message) {
        super(field, message);
    }
}

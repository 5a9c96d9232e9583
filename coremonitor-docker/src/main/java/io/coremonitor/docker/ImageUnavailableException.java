package io.coremonitor.docker;

import io.coremonitor.model.CoreMonitorException;

/** An image that is not on the engine and could not be pulled. */
public class ImageUnavailableException extends CoreMonitorException {

    public ImageUnavailableException(String image, String reason) {
        super("image " + image + " not found locally and could not be pulled: " + reason);
    }
}

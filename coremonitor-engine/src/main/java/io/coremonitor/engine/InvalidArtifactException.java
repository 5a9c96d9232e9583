package io.coremonitor.engine;

/** An upload that is not a usable archive (empty, unreadable, or of a type no target takes); nothing was stored (422). */
public class InvalidArtifactException extends InvalidInputException {

    /**
     * @param field   what it is about: {@code name} (the file name) or {@code file} (the content)
     * @param message what is wrong and how to fix it
     */
    public InvalidArtifactException(String field, String message) {
        super(field, message);
    }
}

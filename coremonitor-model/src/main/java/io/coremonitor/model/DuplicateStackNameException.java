package io.coremonitor.model;

/** A live stack already has this name. */
public class DuplicateStackNameException extends CoreMonitorException {

    private final String name;

    public DuplicateStackNameException(String name) {
        super("a stack named '" + name + "' already exists");
        this.name = name;
    }

    public String name() {
        return name;
    }
}

package io.coremonitor.model;

import java.util.regex.Pattern;

/** Name rules of the compose specification, as Core Monitor applies them. */
public final class Names {

    /** Stack (compose project) names: lower-case letters, digits, '_' and '-', starting with a letter or digit. */
    public static final Pattern STACK_NAME = Pattern.compile("^[a-z0-9][a-z0-9_-]*$");
    /** Service, network and volume keys: letters, digits, '_', '.', '-', starting with a letter or digit. */
    public static final Pattern RESOURCE_NAME = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9_.-]*$");
    /** Names of Core Monitor's secret store: lower-case letters, digits, {@code _ . -}, 1 to 128 characters. */
    public static final String SECRET_NAME_RULE = "[a-z0-9][a-z0-9_.-]{0,127}";
    /** Longest stack name (it prefixes every Docker object name of the stack). */
    public static final int STACK_NAME_MAX_LENGTH = 63;

    private Names() {
    }

    public static boolean isValidStackName(String name) {
        return name != null && name.length() <= STACK_NAME_MAX_LENGTH && STACK_NAME.matcher(name).matches();
    }

    public static boolean isValidResourceName(String name) {
        return name != null && RESOURCE_NAME.matcher(name).matches();
    }

    /** Why a stack name is invalid (call only for an invalid name). */
    static String stackNameProblem(String name) {
        if (name == null || name.isEmpty()) {
            return "a stack name is required";
        }
        if (name.length() > STACK_NAME_MAX_LENGTH) {
            return "'" + name + "' is too long for a stack name (at most " + STACK_NAME_MAX_LENGTH + " characters)";
        }
        return "'" + name + "' is not a valid stack name: use lower-case letters, digits, '_' and '-', starting with a letter"
            + " or a digit";
    }

    /** Refuses an invalid stack name with an InvalidDefinitionException whose single error has the path {@code name}. */
    public static void checkStackName(String name) {
        if (!isValidStackName(name)) {
            throw new InvalidDefinitionException("name", stackNameProblem(name));
        }
    }
}

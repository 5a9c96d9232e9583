package io.coremonitor.server.internal;

import io.coremonitor.model.CommandStatus;
import io.coremonitor.model.CommandType;
import io.coremonitor.store.PageRequest;
import io.javalin.config.ValidationConfig;
import io.javalin.http.Context;
import io.javalin.validation.ValidationError;
import io.javalin.validation.ValidationException;
import io.javalin.validation.Validator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reading query and path parameters with Javalin's validators: a value that does not convert or fails its check is a
 * {@link ValidationException} whose errors are keyed by the parameter name, each message saying what was expected
 * ({@link ProblemMapper} adds what was given and answers 400). Which types convert, and how, is registered here too.
 */
final class Params {

    static final String TYPE_CONVERSION_FAILED = "TYPE_CONVERSION_FAILED";
    static final String NULLCHECK_FAILED = "NULLCHECK_FAILED";
    private static final String VERSION_LABEL = "a version label (v1, v2, ...)";

    private Params() {
    }

    /**
     * The converters of the parameter types: booleans strictly ({@code true/false}, {@code 1/0}, {@code yes/no}; Javalin
     * reads anything else as false), ISO-8601 instants, and the enums case-insensitively.
     */
    static void registerConverters(ValidationConfig validation) {
        validation.register(Boolean.class, Params::parseBoolean);
        validation.register(Instant.class, text -> Instant.parse(text.trim()));
        validation.register(CommandStatus.class, text -> CommandStatus.valueOf(text.trim().toUpperCase(Locale.ROOT)));
        validation.register(CommandType.class, text -> CommandType.valueOf(text.trim().toUpperCase(Locale.ROOT)));
    }

    private static Boolean parseBoolean(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> Boolean.TRUE;
            case "false", "0", "no" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("not a boolean: " + text);
        };
    }

    /** {@code ?limit=&cursor=} as a page request (the limit is checked here, before the store sees it). */
    static PageRequest page(Context ctx) {
        int limit = intParam(ctx, "limit", 1, PageRequest.MAX_LIMIT, PageRequest.DEFAULT_LIMIT);
        return new PageRequest(limit, text(ctx, "cursor"));
    }

    /** An optional integer query parameter within bounds. */
    static int intParam(Context ctx, String name, int min, int max, int dflt) {
        Validator<Integer> v = ctx.queryParamAsClass(name, Integer.class)
                .check(n -> n >= min && n <= max, name + " must be between " + min + " and " + max);
        return orDefault(v, dflt, name + " must be an integer between " + min + " and " + max);
    }

    /** An optional boolean query parameter, false when absent. */
    static boolean boolParam(Context ctx, String name) {
        return orDefault(ctx.queryParamAsClass(name, Boolean.class), Boolean.FALSE, name + " must be true or false");
    }

    /** An optional ISO-8601 instant query parameter ({@code 2026-11-24T03:00:00Z}). */
    static Optional<Instant> instantParam(Context ctx, String name) {
        return Optional.ofNullable(orDefault(ctx.queryParamAsClass(name, Instant.class), null,
                name + " must be an ISO-8601 UTC time such as 2026-11-24T03:00:00Z"));
    }

    /** An optional enum query parameter, case-insensitive (its converter is registered above). */
    static <E extends Enum<E>> Optional<E> enumParam(Context ctx, String name, Class<E> type) {
        String names = String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
        return Optional.ofNullable(orDefault(ctx.queryParamAsClass(name, type), null, name + " must be one of " + names));
    }

    /** An optional free-text query parameter, absent when blank. */
    /** A list query parameter: repeated ({@code ?p=a&p=b}) or comma-separated ({@code ?p=a,b}); blanks dropped. */
    static List<String> list(Context ctx, String name) {
        List<String> out = new ArrayList<>();
        for (String value : ctx.queryParams(name)) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }

    static Optional<String> text(Context ctx, String name) {
        return Optional.ofNullable(ctx.queryParam(name)).filter(s -> !s.isBlank());
    }

    /** The command id path parameter {@code {id}}: a positive integer. */
    static long commandId(Context ctx) {
        String expected = "a command id is a positive integer";
        Validator<Long> v = ctx.pathParamAsClass("id", Long.class).check(id -> id >= 1, expected);
        return require(v, "id", expected);
    }

    /** A version label path parameter: {@code v1}, {@code v2}, ... */
    static String versionPath(Context ctx, String name) {
        Validator<String> v = ctx.pathParamAsClass(name, String.class).check(Requests::isVersionLabel,
                name + " must be " + VERSION_LABEL);
        return require(v, name, name + " must be " + VERSION_LABEL);
    }

    /** A required version label query parameter. */
    static String versionQuery(Context ctx, String name) {
        Validator<String> v = ctx.queryParamAsClass(name, String.class).check(Requests::isVersionLabel,
                name + " must be " + VERSION_LABEL);
        return require(v, name, name + " is required: " + VERSION_LABEL);
    }

    private static <T> T orDefault(Validator<T> v, T dflt, String expected) {
        return v.hasValue() ? v.getOrThrow(errors -> explained(errors, expected)) : dflt;
    }

    /** A required parameter's value, or a 400 saying what was expected and what was given. */
    static <T> T required(Validator<T> v, String name, String expected) {
        return require(v, name, expected);
    }

    private static <T> T require(Validator<T> v, String name, String expected) {
        return v.getOrThrow(errors -> explained(errors, expected));
    }

    /** Javalin's codes for a value that does not convert, or is missing, replaced by what was expected. */
    private static ValidationException explained(Map<String, ? extends List<ValidationError<Object>>> errors,
            String expected) {
        Map<String, List<ValidationError<Object>>> out = new LinkedHashMap<>();
        errors.forEach((field, list) -> {
            List<ValidationError<Object>> explained = new ArrayList<>();
            for (ValidationError<Object> e : list) {
                boolean code = e.getMessage().equals(TYPE_CONVERSION_FAILED) || e.getMessage().equals(NULLCHECK_FAILED);
                explained.add(code ? new ValidationError<>(expected, e.getArgs(), e.getValue()) : e);
            }
            out.put(field, explained);
        });
        return new ValidationException(out);
    }
}

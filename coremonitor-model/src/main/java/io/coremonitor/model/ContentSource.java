package io.coremonitor.model;

import java.util.Objects;

/**
 * Where the value of a top-level {@code secrets:} or {@code configs:} entry comes from. The value itself is never part
 * of a definition, except a config's inline {@code content:} (a config is not secret).
 *
 * @param kind  the kind of source
 * @param value for {@link Kind#STORED}, the name in Core Monitor's secret store; for {@link Kind#ENVIRONMENT}, the name
 *              of the variable in Core Monitor's own environment; for {@link Kind#INLINE}, the content
 */
public record ContentSource(Kind kind, String value) {

    /** The kinds of source. */
    public enum Kind {
        /** {@code external: true} (with {@code name:}): held by Core Monitor's encrypted secret store. */
        STORED,
        /** {@code environment: VAR}: a variable of the Core Monitor server's environment, read when a container is made. */
        ENVIRONMENT,
        /** {@code content: ...}: written in the definition (configs only). */
        INLINE
    }

    public ContentSource {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    /** A value held by Core Monitor's secret store under {@code name}. */
    public static ContentSource stored(String name) {
        return new ContentSource(Kind.STORED, name);
    }

    /** A variable of the server's environment. */
    public static ContentSource environment(String variable) {
        return new ContentSource(Kind.ENVIRONMENT, variable);
    }

    /** Inline content. */
    public static ContentSource inline(String content) {
        return new ContentSource(Kind.INLINE, content);
    }

    /** Where the value comes from, for messages and logs: never the value, not even inline content. */
    public String describe() {
        return switch (kind) {
            case STORED -> "Core Monitor's secret store, name '" + value + "'";
            case ENVIRONMENT -> "the environment variable " + value + " of Core Monitor";
            case INLINE -> "the definition's content (" + value.length() + " characters)";
        };
    }

    @Override
    public String toString() {
        return "ContentSource[" + kind + (kind == Kind.INLINE ? "" : " " + value) + "]";
    }
}

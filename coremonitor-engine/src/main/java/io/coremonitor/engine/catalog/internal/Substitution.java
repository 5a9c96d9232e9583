package io.coremonitor.engine.catalog.internal;

import io.coremonitor.engine.catalog.Parameter;
import io.coremonitor.engine.catalog.ParameterType;
import io.coremonitor.engine.catalog.SecretValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fills the placeholders of one instance's fragments, inside string scalars and map keys only: a value is always a
 * whole scalar, never YAML text, so no parameter can add a key. Values are written with {@code $} doubled (compose
 * reads them back unchanged). An item or entry that names a parameter without value is left out.
 */
final class Substitution {

    /** A wired instance's export that is not there: the provider does not give what the consumer's fragment uses. */
    static final class MissingExport extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String key;

        MissingExport(String key, String message) {
            super(message);
            this.key = key;
        }
    }

    private final String stack;
    private final Instance instance;
    private final Map<String, InstanceValues> values;
    private final Map<String, Instance> providers;

    /**
     * @param providers requirement key to the wired instance
     */
    Substitution(String stack, Instance instance, Map<String, InstanceValues> values, Map<String, Instance> providers) {
        this.stack = stack;
        this.instance = instance;
        this.values = values;
        this.providers = providers;
    }

    /** The substituted tree; empty when it names a value that is absent. */
    @SuppressWarnings("unchecked")
    Optional<Object> tree(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
                Optional<String> key = text(e.getKey());
                Optional<Object> value = tree(e.getValue());
                if (key.isPresent() && value.isPresent()) {
                    out.put(key.get(), value.get());
                }
            }
            return out.isEmpty() && !map.isEmpty() ? Optional.empty() : Optional.of(out);
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object item : list) {
                tree(item).ifPresent(out::add);
            }
            return out.isEmpty() && !list.isEmpty() ? Optional.empty() : Optional.of(out);
        }
        if (node instanceof String s) {
            return scalar(s);
        }
        return Optional.of(node);
    }

    private Optional<Object> scalar(String text) {
        List<Placeholders.Token> tokens = Placeholders.parse(text);
        if (tokens.size() == 1 && tokens.get(0).placeholder() && tokens.get(0).text().startsWith("param.")) {
            String name = tokens.get(0).text().substring("param.".length());
            Optional<ParameterType> type = instance.component().parameter(name).map(Parameter::type);
            Optional<String> value = raw(tokens.get(0).text(), instance, values.get(instance.name()));
            if (value.isPresent() && type.isPresent()) {
                switch (type.get()) {
                    case INT, PORT -> {
                        return Optional.of(Integer.valueOf(value.get()));
                    }
                    case BOOL -> {
                        return Optional.of(Boolean.valueOf(value.get()));
                    }
                    default -> {
                        // text, written as below
                    }
                }
            }
        }
        return text(text).map(s -> s);
    }

    /** {@code text} with its placeholders filled, written for compose; empty when one names an absent value. */
    Optional<String> text(String text) {
        StringBuilder out = new StringBuilder();
        for (Placeholders.Token t : Placeholders.parse(text)) {
            if (!t.placeholder()) {
                out.append(t.text());
                continue;
            }
            Optional<String> value = raw(t.text(), instance, values.get(instance.name()));
            if (value.isEmpty()) {
                return Optional.empty();
            }
            out.append(Placeholders.escape(value.get()));
        }
        return Optional.of(out.toString());
    }

    private Optional<String> raw(String expression, Instance of, InstanceValues own) {
        String[] parts = expression.split("\\.", -1);
        switch (parts[0]) {
            case "service":
                return Optional.of(of.name());
            case "stack":
                return Optional.of(stack);
            case "image":
                return of.image();
            case "version":
                return Optional.of(of.version().version());
            case "param":
                return Optional.ofNullable(own.values().get(parts[1]));
            case "secret":
                return Optional.ofNullable(own.secrets().get(parts[1])).map(SecretValue::name);
            case "wired":
                return wired(parts);
            default:
                throw new IllegalStateException("unknown placeholder ${" + expression + "} (checked when the catalog is read)");
        }
    }

    private Optional<String> wired(String[] parts) {
        Instance provider = providers.get(parts[1]);
        if (provider == null) {
            return Optional.empty();
        }
        InstanceValues theirs = values.get(provider.name());
        String what = parts[2];
        if (what.equals("service")) {
            return Optional.of(provider.name());
        }
        String name = parts[3];
        if (what.equals("export")) {
            String template = provider.component().exports().get(name);
            if (template == null) {
                throw new MissingExport(parts[1], provider.label() + " does not export '" + name + "', which "
                    + instance.label() + " uses through " + parts[1]);
            }
            StringBuilder out = new StringBuilder();
            for (Placeholders.Token t : Placeholders.parse(template)) {
                if (!t.placeholder()) {
                    out.append(Placeholders.unescape(t.text()));
                    continue;
                }
                Optional<String> value = raw(t.text(), provider, theirs);
                if (value.isEmpty()) {
                    return Optional.empty();
                }
                out.append(value.get());
            }
            return Optional.of(out.toString());
        }
        Optional<Parameter> parameter = provider.component().parameter(name);
        if (parameter.isEmpty() || parameter.get().secret() != what.equals("secret")) {
            throw new MissingExport(parts[1], provider.label() + " has no " + (what.equals("secret") ? "secret" : "plain")
                + " parameter '" + name + "', which " + instance.label() + " uses through " + parts[1]);
        }
        return what.equals("param") ? Optional.ofNullable(theirs.values().get(name))
            : Optional.ofNullable(theirs.secrets().get(name)).map(SecretValue::name);
    }
}

package io.coremonitor.engine.catalog.internal;

import io.coremonitor.engine.catalog.Component;
import io.coremonitor.engine.catalog.ComposeFragment;
import io.coremonitor.engine.catalog.InvalidCatalogException;
import io.coremonitor.engine.catalog.Parameter;
import io.coremonitor.engine.catalog.Requirement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Checks, when a component is read, that every placeholder of its fragment and exports names something that will be
 * there: its own parameters (a secret only through {@code ${secret.NAME}}, so that its value can never be written),
 * and the requirements wired for sure where it is used (an optional one only inside its {@code when} fragment).
 */
final class PlaceholderCheck {

    private static final Set<String> OWN = Set.of("service", "stack", "image", "version");
    private static final Set<String> WIRED = Set.of("service", "param", "export", "secret");

    private final Component component;
    private final BiFunction<String, String, InvalidCatalogException> fail;

    PlaceholderCheck(Component component, BiFunction<String, String, InvalidCatalogException> fail) {
        this.component = component;
        this.fail = fail;
    }

    void check() {
        component.exports().forEach((name, template) -> string(template, "exports." + name, Optional.empty(), false));
        ComposeFragment compose = component.compose();
        tree(compose.service(), "compose.service", Optional.empty());
        tree(compose.volumes(), "compose.volumes", Optional.empty());
        compose.when().forEach((key, fragment) -> {
            tree(fragment.service(), "compose.when." + key + ".service", Optional.of(key));
            tree(fragment.volumes(), "compose.when." + key + ".volumes", Optional.of(key));
        });
    }

    private void tree(Object node, String path, Optional<String> optionalKey) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                string((String) k, path + "." + k, optionalKey, true);
                tree(v, path + "." + k, optionalKey);
            });
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                tree(list.get(i), path + "[" + i + "]", optionalKey);
            }
        } else if (node instanceof String s) {
            string(s, path, optionalKey, true);
        }
    }

    private void string(String text, String path, Optional<String> optionalKey, boolean wiredAllowed) {
        List<String> expressions;
        try {
            expressions = Placeholders.expressions(text);
        } catch (IllegalArgumentException e) {
            throw fail.apply(path, e.getMessage());
        }
        for (String expression : expressions) {
            expression(expression, path, optionalKey, wiredAllowed);
        }
    }

    private void expression(String expression, String path, Optional<String> optionalKey, boolean wiredAllowed) {
        String[] parts = expression.split("\\.", -1);
        if (parts.length == 1 && parts[0].equals("image") && component.compose().into().isPresent()) {
            throw fail.apply(path, "${image}: a component merged into another's service (compose.into) runs no image");
        }
        if (parts.length == 1 && OWN.contains(parts[0])) {
            return;
        }
        if (parts.length == 2 && parts[0].equals("param")) {
            Parameter p = component.parameter(parts[1]).orElseThrow(() -> unknown(path, expression, "no parameter " + parts[1]));
            if (p.secret()) {
                throw fail.apply(path, "${" + expression + "} would write a secret's value: use ${secret." + parts[1]
                    + "}, its name");
            }
            return;
        }
        if (parts.length == 2 && parts[0].equals("secret")) {
            Parameter p = component.parameter(parts[1]).orElseThrow(() -> unknown(path, expression, "no parameter " + parts[1]));
            if (!p.secret()) {
                throw fail.apply(path, "${" + expression + "}: parameter " + parts[1] + " is not secret; use ${param." + parts[1] + "}");
            }
            return;
        }
        if (parts[0].equals("wired") && parts.length >= 3 && WIRED.contains(parts[2])
                && (parts[2].equals("service") ? parts.length == 3 : parts.length == 4)) {
            if (!wiredAllowed) {
                throw unknown(path, expression, "exports use the component's own values only");
            }
            Requirement r = component.requirement(parts[1])
                .orElseThrow(() -> unknown(path, expression, "no requirement with the key " + parts[1]));
            if (r.optional() && !optionalKey.equals(Optional.of(r.key()))) {
                throw fail.apply(path, "${" + expression + "}: requirement " + r.key()
                    + " is optional; use it only in compose.when." + r.key());
            }
            return;
        }
        throw unknown(path, expression, "known: ${service}, ${stack}, ${image}, ${version}, ${param.NAME}, ${secret.NAME}, "
            + "${wired.KEY.service}, ${wired.KEY.param.NAME}, ${wired.KEY.export.NAME}, ${wired.KEY.secret.NAME}");
    }

    private InvalidCatalogException unknown(String path, String expression, String why) {
        return fail.apply(path, "unknown placeholder ${" + expression + "}: " + why);
    }
}

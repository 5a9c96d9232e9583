package io.coremonitor.server.internal;

import io.coremonitor.engine.catalog.Capability;
import io.coremonitor.engine.catalog.Component;
import io.coremonitor.engine.catalog.ComponentVersion;
import io.coremonitor.engine.catalog.Conflict;
import io.coremonitor.engine.catalog.Generate;
import io.coremonitor.engine.catalog.Parameter;
import io.coremonitor.engine.catalog.Requirement;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The answers of the catalog routes. A component is shown without its compose fragment and exports: they are
 * templates over placeholders, the engine's business; what a client wants to see is the definition they make for
 * real choices, which {@code POST /wizard/preview} answers.
 */
final class CatalogBodies {

    private CatalogBodies() {
    }

    /**
     * A component in the list of {@code GET /catalog}.
     *
     * @param id             the key the choices name it by
     * @param title          its name for a person
     * @param description    what it is
     * @param category       a group for the wizard (web, database, application, ...)
     * @param defaultVersion the version chosen when the choices name none (the first)
     * @param builtIn        whether it comes with Core Monitor (false: a file of the catalog directory)
     * @param versions       its versions, the default first
     */
    record ComponentSummaryView(String id, String title, String description, String category, String defaultVersion,
            boolean builtIn, List<ComponentVersionView> versions) {

        static ComponentSummaryView of(Component c) {
            return new ComponentSummaryView(c.id(), c.title(), c.description(), c.category(), c.defaultVersion().version(),
                    CatalogHolder.builtIn(c.source()), ComponentVersionView.of(c));
        }
    }

    /**
     * One version of a component.
     *
     * @param version  {@code 16}, {@code 10.1}
     * @param image    the image it runs; null for a component merged into another's service (an application)
     * @param provides everything this version provides: the component's capabilities and its own
     */
    record ComponentVersionView(String version, Optional<String> image, List<String> provides) {

        static List<ComponentVersionView> of(Component c) {
            return c.versions().stream().map(v -> of(c, v)).toList();
        }

        private static ComponentVersionView of(Component c, ComponentVersion v) {
            return new ComponentVersionView(v.version(), v.image(), c.provides(v).stream().map(Capability::toString).toList());
        }
    }

    /**
     * A whole component ({@code GET /catalog/{id}}).
     *
     * @param id             the key the choices name it by
     * @param title          its name for a person
     * @param description    what it is
     * @param category       a group for the wizard
     * @param defaultVersion the version chosen when the choices name none
     * @param builtIn        whether it comes with Core Monitor
     * @param versions       its versions, the default first, each with what it provides
     * @param provides       what every version provides
     * @param parameters     what it is configured with
     * @param requires       what it needs from other chosen components
     * @param conflicts      components it cannot share a stack with (as it declares them)
     */
    record ComponentView(String id, String title, String description, String category, String defaultVersion, boolean builtIn,
            List<ComponentVersionView> versions, List<String> provides, List<ParameterView> parameters,
            List<RequirementView> requires, List<ConflictView> conflicts) {

        static ComponentView of(Component c) {
            return new ComponentView(c.id(), c.title(), c.description(), c.category(), c.defaultVersion().version(),
                    CatalogHolder.builtIn(c.source()), ComponentVersionView.of(c),
                    c.provides().stream().map(Capability::toString).toList(),
                    c.parameters().stream().map(ParameterView::of).toList(),
                    c.requires().stream().map(RequirementView::of).toList(),
                    c.conflicts().stream().map(ConflictView::of).toList());
        }
    }

    /**
     * A parameter of a component.
     *
     * @param name         the key in the choices' {@code parameters}
     * @param label        what a form shows
     * @param type         string, int, bool, enum, port (a host port it publishes) or password
     * @param defaultValue the value when the choices give none (a secret has none)
     * @param required     whether a value is needed (from the choices, the default or generate)
     * @param pattern      a regular expression the whole value must match
     * @param values       the allowed values of an enum (empty otherwise)
     * @param generate     how a missing value is generated: password or hex:N
     * @param secret       whether the value is a secret: referenced by the definition, never written into it
     */
    record ParameterView(String name, String label, String type, Optional<String> defaultValue, boolean required,
            Optional<String> pattern, List<String> values, Optional<String> generate, boolean secret) {

        static ParameterView of(Parameter p) {
            return new ParameterView(p.name(), p.label(), p.type().key(), p.defaultValue(), p.required(),
                    p.pattern().map(Pattern::pattern), p.values(), p.generate().map(Generate::toString), p.secret());
        }
    }

    /**
     * A requirement of a component.
     *
     * @param key         the wire's name: the choices' {@code wiring.KEY}
     * @param capability  what a provider must provide ({@code sql}, {@code servlet:jakarta})
     * @param versions    the versions of it that fit ({@code >=10}; {@code *}: any)
     * @param optional    whether the component works without it
     * @param description what it is for
     */
    record RequirementView(String key, String capability, String versions, boolean optional, String description) {

        static RequirementView of(Requirement r) {
            return new RequirementView(r.key(), r.capability(), r.versions().toString(), r.optional(), r.description());
        }
    }

    /**
     * A conflict a component declares.
     *
     * @param component the other component's id
     * @param versions  its versions concerned ({@code *}: all)
     * @param reason    why
     */
    record ConflictView(String component, String versions, String reason) {

        static ConflictView of(Conflict c) {
            return new ConflictView(c.component(), c.versions().toString(), c.reason());
        }
    }

    /**
     * The answer of {@code POST /catalog/reload}.
     *
     * @param components how many components the catalog now holds
     */
    record CatalogReloadView(int components) {
    }
}

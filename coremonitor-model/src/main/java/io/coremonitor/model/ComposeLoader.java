package io.coremonitor.model;

import io.coremonitor.model.internal.Interpolator;
import io.coremonitor.model.internal.ModelConverter;
import io.coremonitor.model.internal.Paths;
import io.coremonitor.model.internal.Problems;
import io.coremonitor.model.internal.SchemaValidator;
import io.coremonitor.model.internal.SemanticChecks;
import io.coremonitor.model.internal.YamlReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a compose definition (YAML or JSON text) into a validated {@link ComposeDefinition}.
 *
 * <p>Steps: parse (anchors, aliases and {@code <<} merge keys resolved; duplicate keys refused), interpolate every string
 * value with the given variables, check the JSON Schema of the supported keys, type every value (short and long syntaxes),
 * then check the definition as a whole (references, dependency cycles, port conflicts, names). Every error of every step
 * is reported at once in one {@link InvalidDefinitionException}; nothing else is ever thrown for bad input.
 */
public final class ComposeLoader {

    private static final Logger LOG = LoggerFactory.getLogger(ComposeLoader.class);

    private ComposeLoader() {
    }

    /** Loads without variables (every {@code $VAR} without default becomes "" with a warning). */
    public static ComposeDefinition load(String text) {
        return load(text, Map.of());
    }

    /** Loads with the given variables; throws InvalidDefinitionException listing every error. */
    public static ComposeDefinition load(String text, Map<String, String> variables) {
        return loadWithWarnings(text, variables).definition();
    }

    /** Like {@link #load(String, Map)}, also returning the warnings (unset variables, ignored {@code build:}, ...). */
    public static LoadResult loadWithWarnings(String text, Map<String, String> variables) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(variables, "variables");
        Map<String, Object> raw = YamlReader.read(text);

        Problems interpolation = new Problems();
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = (Map<String, Object>) new Interpolator(variables, interpolation).tree(raw, "");

        Problems schema = new Problems();
        SchemaValidator.validate(tree, schema);

        Problems typing = new Problems();
        ModelConverter converter = new ModelConverter(typing, variables);
        ComposeDefinition definition;
        try {
            definition = converter.convert(tree);
        } catch (RuntimeException e) {
            // The converter is written to report, not throw; should it still fail, the schema errors explain why.
            LOG.debug("typing failed after {} schema errors", schema.errors().size(), e);
            if (!schema.hasErrors() && !interpolation.hasErrors()) {
                throw new InvalidDefinitionException("", "the definition could not be read: " + e.getClass().getSimpleName());
            }
            definition = null;
        }
        Problems semantic = new Problems();
        if (definition != null) {
            SemanticChecks.check(definition, tree, converter.origins(), semantic);
        }

        List<ValidationError> blocking = new ArrayList<>(interpolation.errors());
        blocking.addAll(schema.errors());
        LinkedHashSet<ValidationError> errors = new LinkedHashSet<>(blocking);
        for (ValidationError e : typing.errors()) {
            if (!coveredBy(e, blocking)) {
                errors.add(e);
            }
        }
        for (ValidationError e : semantic.errors()) {
            if (!coveredBy(e, blocking)) {
                errors.add(e);
            }
        }
        if (!errors.isEmpty()) {
            List<ValidationError> sorted = new ArrayList<>(errors);
            sorted.sort(Comparator.comparing(ValidationError::path));
            throw new InvalidDefinitionException(sorted);
        }
        List<ValidationError> warnings = new ArrayList<>(interpolation.warnings());
        warnings.addAll(typing.warnings());
        return new LoadResult(definition, warnings);
    }

    private static boolean coveredBy(ValidationError e, List<ValidationError> blocking) {
        for (ValidationError b : blocking) {
            if (Paths.isWithin(e.path(), b.path())) {
                return true;
            }
        }
        return false;
    }
}

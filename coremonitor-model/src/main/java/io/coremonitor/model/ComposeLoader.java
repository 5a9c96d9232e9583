package io.coremonitor.model;

import io.coremonitor.model.internal.ExtendsResolver;
import io.coremonitor.model.internal.Interpolator;
import io.coremonitor.model.internal.ModelConverter;
import io.coremonitor.model.internal.Paths;
import io.coremonitor.model.internal.Problems;
import io.coremonitor.model.internal.SchemaValidator;
import io.coremonitor.model.internal.SemanticChecks;
import io.coremonitor.model.internal.SourceMap;
import io.coremonitor.model.internal.YamlReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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

    /** Loads with the given variables, reading {@code env_file} entries from {@code files}. */
    public static ComposeDefinition load(String text, Map<String, String> variables, DefinitionFiles files) {
        return loadWithWarnings(text, variables, files).definition();
    }

    /** Like {@link #load(String, Map)}, also returning the warnings (unset variables, ignored {@code build:}, ...). */
    public static LoadResult loadWithWarnings(String text, Map<String, String> variables) {
        return loadWithWarnings(text, variables, DefinitionFiles.none());
    }

    /** Like {@link #loadWithWarnings(String, Map)}, reading {@code env_file} entries from {@code files}. */
    public static LoadResult loadWithWarnings(String text, Map<String, String> variables, DefinitionFiles files) {
        ValidationReport report = validate(text, variables, files);
        if (!report.valid()) {
            throw InvalidDefinitionException.located(report.errors());
        }
        List<LocatedError> warnings = report.warnings();
        return new LoadResult(report.definition().orElseThrow(), warnings.stream().map(LocatedError::error).toList(),
            warnings);
    }

    /**
     * Checks a definition like {@link #loadWithWarnings} does, but reports instead of throwing: every error and every
     * warning (those of an invalid definition too), each with its path and its line and column in {@code text} (the
     * text as given: interpolation changes values, never positions). Never throws for bad input.
     */
    public static ValidationReport validate(String text, Map<String, String> variables) {
        return validate(text, variables, DefinitionFiles.none());
    }

    /**
     * Like {@link #validate(String, Map)}, reading {@code env_file} entries from {@code files} (a missing or malformed
     * env file is an error at its {@code env_file} entry).
     */
    public static ValidationReport validate(String text, Map<String, String> variables, DefinitionFiles files) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(variables, "variables");
        Objects.requireNonNull(files, "files");
        YamlReader.Document document;
        try {
            document = YamlReader.readLocated(text);
        } catch (InvalidDefinitionException e) {
            return new ValidationReport(Optional.empty(), e.locatedErrors(), List.of());
        }
        Map<String, Object> raw = document.tree();
        SourceMap positions = document.positions();

        Problems interpolation = new Problems();
        @SuppressWarnings("unchecked")
        Map<String, Object> interpolated = (Map<String, Object>) new Interpolator(variables, interpolation).tree(raw, "");
        // extends is resolved on the tree, so that the schema and the typing see each service merged with its base
        Map<String, Object> tree = ExtendsResolver.resolve(interpolated, interpolation);

        Problems schema = new Problems();
        SchemaValidator.validate(tree, schema);

        Problems typing = new Problems();
        ModelConverter converter = new ModelConverter(typing, variables, files);
        ComposeDefinition definition;
        List<ValidationError> failures = new ArrayList<>();
        try {
            definition = converter.convert(tree);
        } catch (RuntimeException e) {
            // The converter is written to report, not throw; should it still fail, the schema errors explain why.
            LOG.debug("typing failed after {} schema errors", schema.errors().size(), e);
            if (!schema.hasErrors() && !interpolation.hasErrors()) {
                failures.add(new ValidationError("", "the definition could not be read: " + e.getClass().getSimpleName()));
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
        errors.addAll(failures);
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
        List<ValidationError> warnings = new ArrayList<>(interpolation.warnings());
        warnings.addAll(typing.warnings());
        List<ValidationError> sorted = new ArrayList<>(errors);
        sorted.sort(Comparator.comparing(ValidationError::path));
        return new ValidationReport(sorted.isEmpty() ? Optional.of(definition) : Optional.empty(),
            positions.locateAll(sorted), positions.locateAll(warnings));
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

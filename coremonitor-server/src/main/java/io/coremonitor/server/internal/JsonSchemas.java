package io.coremonitor.server.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaBuilder;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import java.lang.reflect.Type;
import java.util.Optional;

/**
 * JSON Schemas (draft 2020-12, which OpenAPI 3.1 uses for its component schemas) of the request and response records,
 * made by the victools generator from the same types Jackson writes: snake_case names, an {@code Optional} component
 * nullable, every component of an answer required (the mapper writes nulls) but those it leaves out when empty
 * ({@code @JsonInclude(NON_ABSENT)}), only the fields marked
 * {@code required} in a request, no other properties. One instance collects the schemas of one document.
 */
final class JsonSchemas {

    /** Where the schemas go in an OpenAPI document. */
    static final String COMPONENTS = "components/schemas";

    private static final PropertyNamingStrategies.NamingBase SNAKE_CASE = new PropertyNamingStrategies.SnakeCaseStrategy();

    private final SchemaBuilder builder = generator().buildMultipleSchemaDefinitions();

    /** A {@code $ref} to the schema of this type (filled in by {@link #components()}). */
    ObjectNode reference(Route.BodyType type) {
        return builder.createSchemaReference(type.type(), type.typeParameters().toArray(Type[]::new));
    }

    /** The schemas of every type referenced so far, by name; call once, after the last {@link #reference}. */
    ObjectNode components() {
        return builder.collectDefinitions(COMPONENTS);
    }

    private static SchemaGenerator generator() {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(Requests.JSON, SchemaVersion.DRAFT_2020_12,
                OptionPreset.PLAIN_JSON)
                .with(new JacksonModule())
                .with(Option.DEFINITIONS_FOR_ALL_OBJECTS, Option.PLAIN_DEFINITION_KEYS,
                        Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT, Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES,
                        Option.STANDARD_FORMATS)
                .without(Option.SCHEMA_VERSION_INDICATOR);
        config.forFields()
                .withPropertyNameOverrideResolver(field -> SNAKE_CASE.translate(field.getDeclaredName()))
                .withNullableCheck(field -> field.getDeclaredType().isInstanceOf(Optional.class))
                .withRequiredCheck(JsonSchemas::required);
        config.forTypesInGeneral().withCustomDefinitionProvider((javaType, context) -> {
            ObjectNode schema = context.getGeneratorConfig().createObjectNode();
            if (javaType.isInstanceOf(ObjectNode.class)) {
                schema.put("type", "object").put("description", "a JSON object");
                return new CustomDefinition(schema, CustomDefinition.DefinitionType.STANDARD, CustomDefinition.AttributeInclusion.NO);
            }
            if (javaType.isInstanceOf(JsonNode.class)) {
                schema.put("description", "any JSON value");
                return new CustomDefinition(schema, CustomDefinition.DefinitionType.INLINE, CustomDefinition.AttributeInclusion.NO);
            }
            if (javaType.isInstanceOf(RequestBodies.ComposeText.class)) {
                schema.putArray("type").add("string").add("object");
                schema.put("description", "a compose definition: a YAML string, or a JSON object");
                return new CustomDefinition(schema, CustomDefinition.DefinitionType.INLINE, CustomDefinition.AttributeInclusion.NO);
            }
            return null;
        });
        return new SchemaGenerator(config.build());
    }

    private static boolean required(FieldScope field) {
        if (RequestBodies.RequestBody.class.isAssignableFrom(field.getDeclaringType().getErasedType())) {
            JsonProperty property = field.getAnnotationConsideringFieldAndGetter(JsonProperty.class);
            return property != null && property.required();
        }
        return !leftOutWhenEmpty(field);
    }

    /** An answer component the mapper leaves out when empty ({@code @JsonInclude(NON_ABSENT)}): it may be missing. */
    private static boolean leftOutWhenEmpty(FieldScope field) {
        JsonInclude include = field.getAnnotationConsideringFieldAndGetter(JsonInclude.class);
        return include != null && include.value() != JsonInclude.Include.ALWAYS;
    }
}

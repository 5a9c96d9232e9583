package io.coremonitor.engine.databases.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.coremonitor.engine.catalog.Catalog;
import io.coremonitor.engine.catalog.ComponentChoice;
import io.coremonitor.engine.catalog.Environment;
import io.coremonitor.engine.catalog.RuleMessage;
import io.coremonitor.engine.catalog.RulesEngine;
import io.coremonitor.engine.catalog.RulesResult;
import io.coremonitor.engine.catalog.SecretValue;
import io.coremonitor.engine.catalog.ValueGenerator;
import io.coremonitor.engine.catalog.WizardChoices;
import io.coremonitor.engine.databases.DatabaseConflictException;
import io.coremonitor.engine.databases.DatabaseLabels;
import io.coremonitor.engine.databases.DatabaseRequest;
import io.coremonitor.engine.databases.InvalidDatabaseException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The compose definition of a managed database, made by the rules engine from the catalog's component (its image, the
 * password as a stored secret, the data volume, the health check), with what the catalog does not say: the labels, the
 * resource limits and a restart policy.
 */
public final class DatabaseCompose {

    /** The service (and catalog instance) name of the database in its stack. */
    public static final String SERVICE = "db";
    private static final String COMPONENT = "components[0].";
    private static final YAMLMapper YAML = new YAMLMapper();

    private DatabaseCompose() {
    }

    /**
     * The definition and the secrets to store.
     *
     * @param compose the definition's text
     * @param secrets each secret's name and value (the password's given or generated)
     * @param passwordSecret the name of the user's password secret
     */
    public record Made(String compose, List<SecretValue> secrets, String passwordSecret) {

        public Made {
            Objects.requireNonNull(compose, "compose");
            secrets = List.copyOf(secrets);
            Objects.requireNonNull(passwordSecret, "passwordSecret");
        }

        /** The user's password (given or generated). */
        public SecretValue password() {
            return secrets.stream().filter(s -> s.name().equals(passwordSecret)).findFirst().orElseThrow();
        }
    }

    /**
     * @throws InvalidDatabaseException  for a version or image the catalog refuses
     * @throws DatabaseConflictException for a port the rules find taken
     */
    public static Made make(Catalog catalog, DatabaseRequest request, int port, Instant createdAt, ValueGenerator generator) {
        String name = DatabaseRequest.databaseName(request.project());
        ComponentChoice choice = ComponentChoice.of(request.kind().id()).named(SERVICE).param("database", name)
                .param("user", name).param("port", Integer.toString(port));
        if (request.version().isPresent()) {
            choice = choice.version(request.version().get());
        }
        if (request.image().isPresent()) {
            choice = choice.image(request.image().get());
        }
        if (request.password().isPresent()) {
            choice = choice.param("password", request.password().get().asString());
        }
        String stack = DatabaseRequest.stackName(request.project());
        RulesResult r = RulesEngine.evaluate(catalog, WizardChoices.of(stack, choice),
                new Environment(Map.of(), Set.of(), generator));
        if (!r.errors().isEmpty()) {
            throw refusal(r.errors().get(0));
        }
        String passwordSecret = stack + "-" + SERVICE + "-password";
        String version = request.version().orElseGet(() -> catalog.find(request.kind().id()).orElseThrow()
                .versions().get(0).version());
        return new Made(withExtras(r.compose().orElseThrow(), request, version, createdAt), r.secrets(), passwordSecret);
    }

    private static RuntimeException refusal(RuleMessage error) {
        String field = error.path().startsWith(COMPONENT) ? error.path().substring(COMPONENT.length()) : error.path();
        String message = error.message() + error.fix().map(f -> ": " + f).orElse("");
        if (field.equals("parameters.port")) {
            return new DatabaseConflictException(message);
        }
        if (field.equals("parameters.password")) {
            // never the rules' message: it could quote the value
            return new InvalidDatabaseException("password", "the password is refused by the catalog's component");
        }
        return new InvalidDatabaseException(field.startsWith("parameters.") ? field.substring("parameters.".length()) : field,
                message);
    }

    private static String withExtras(String compose, DatabaseRequest request, String version, Instant createdAt) {
        try {
            ObjectNode root = (ObjectNode) YAML.readTree(compose);
            ObjectNode service = (ObjectNode) root.path("services").path(SERVICE);
            ObjectNode labels = service.has("labels") ? (ObjectNode) service.get("labels") : service.putObject("labels");
            labels.put(DatabaseLabels.PROJECT, request.project());
            labels.put(DatabaseLabels.TYPE, request.kind().id());
            labels.put(DatabaseLabels.DB_VERSION, version);
            labels.put(DatabaseLabels.CREATED_AT, createdAt.toString());
            service.put("mem_limit", request.memory().bytes());
            service.put("cpus", request.cpus());
            service.put("restart", "unless-stopped");
            return YAML.writeValueAsString(root);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("the catalog's definition of a database cannot be completed: " + e.getMessage(), e);
        }
    }
}

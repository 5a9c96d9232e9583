package io.coremonitor.engine.databases.internal;

import io.coremonitor.engine.databases.DatabaseKind;
import io.coremonitor.engine.databases.DatabaseLabels;
import io.coremonitor.engine.databases.ManagedDatabase;
import io.coremonitor.model.ComposeDefinition;
import io.coremonitor.model.PortMapping;
import io.coremonitor.model.ServiceSpec;
import io.coremonitor.model.Stack;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/** A managed database read back from its stack's definition: the service {@code db} with the database labels. */
public final class DatabaseReader {

    private DatabaseReader() {
    }

    /** The database the definition makes, or empty when it is not a managed database's. */
    public static Optional<ManagedDatabase> read(Stack stack, ComposeDefinition definition, String host) {
        Optional<ServiceSpec> service = definition.service(DatabaseCompose.SERVICE);
        if (service.isEmpty()) {
            return Optional.empty();
        }
        ServiceSpec spec = service.get();
        Map<String, String> labels = spec.metadata().labels();
        Optional<DatabaseKind> kind = Optional.ofNullable(labels.get(DatabaseLabels.TYPE)).flatMap(DatabaseKind::of);
        String project = labels.get(DatabaseLabels.PROJECT);
        Optional<Integer> port = spec.networking().ports().stream().filter(p -> p.published().isPresent()).findFirst()
                .map(PortMapping::published).map(p -> p.get().start());
        if (kind.isEmpty() || project == null || port.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Optional<String>> env = spec.process().environment();
        String database = env.getOrDefault(kind.get().databaseVariable(), Optional.empty()).orElse("");
        String user = env.getOrDefault(kind.get().userVariable(), Optional.empty()).orElse("");
        return Optional.of(new ManagedDatabase(project, kind.get(), labels.getOrDefault(DatabaseLabels.DB_VERSION, ""),
                spec.process().image(), stack.stackId(), stack.name(), host, port.get(), database, user,
                stack.name() + "-" + DatabaseCompose.SERVICE + "-password", spec.resources().limits().memory(),
                spec.resources().limits().cpus(), createdAt(labels, stack)));
    }

    private static Instant createdAt(Map<String, String> labels, Stack stack) {
        try {
            return Optional.ofNullable(labels.get(DatabaseLabels.CREATED_AT)).map(Instant::parse).orElse(stack.createdAt());
        } catch (DateTimeParseException e) {
            return stack.createdAt();
        }
    }
}

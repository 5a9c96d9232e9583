package io.coremonitor.model.internal;

import io.coremonitor.model.Logging;
import io.coremonitor.model.ServiceMetadata;
import java.util.Map;
import java.util.Optional;

/** Reads a service's {@link ServiceMetadata}: container name, labels, annotations, logging, attach. */
final class MetadataConverter {

    private final Values v;

    MetadataConverter(Values v) {
        this.v = v;
    }

    ServiceMetadata metadata(Map<String, Object> s, String path) {
        return ServiceMetadata.builder()
            .containerName(v.string(s, path, "container_name"))
            .labels(v.stringMap(s, path, "labels"))
            .annotations(v.stringMap(s, path, "annotations"))
            .logging(logging(s.get("logging"), Paths.key(path, "logging")))
            .attach(v.bool(s, path, "attach", true))
            .build();
    }

    private Optional<Logging> logging(Object value, String path) {
        if (value == null) {
            return Optional.empty();
        }
        Map<String, Object> l = v.mapping(value, path);
        return Optional.of(new Logging(v.string(l, path, "driver"), v.scalarMap(l, path, "options")));
    }
}

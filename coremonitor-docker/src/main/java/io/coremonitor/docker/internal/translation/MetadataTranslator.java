package io.coremonitor.docker.internal.translation;

import com.github.dockerjava.api.model.LogConfig;
import io.coremonitor.model.ServiceMetadata;

/**
 * Translates {@link ServiceMetadata} apart from the labels (which the caller merges with the stack's own) and the
 * container name: logging, and the refusal of annotations. {@code attach} (log attachment of a CLI) has no container
 * effect.
 */
public final class MetadataTranslator {

    private MetadataTranslator() {
    }

    public static void translate(ServiceMetadata metadata, ContainerDraft draft) {
        if (!metadata.annotations().isEmpty()) {
            draft.refuse("annotations: needs Docker API 1.43; the supported engine speaks 1.41 and would ignore them");
        }
        metadata.logging().ifPresent(l -> {
            LogConfig.LoggingType type = LogConfig.LoggingType.DEFAULT;
            if (l.driver().isPresent()) {
                type = loggingType(l.driver().get());
                if (type == null) {
                    draft.refuse("logging.driver: unknown logging driver '" + l.driver().get() + "'");
                    return;
                }
            }
            draft.host().withLogConfig(new LogConfig(type, l.options().isEmpty() ? null : l.options()));
        });
    }

    private static LogConfig.LoggingType loggingType(String driver) {
        for (LogConfig.LoggingType t : LogConfig.LoggingType.values()) {
            if (t.getType().equals(driver) && t != LogConfig.LoggingType.DEFAULT) {
                return t;
            }
        }
        return null;
    }
}

package io.coremonitor.engine.internal.convergence;

import io.coremonitor.model.ServiceSpec;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Names the fields that differ between two specs of a service, in compose spelling. */
final class SpecDiff {

    /** Fields that do not shape the container (they are left out of the config hash too). */
    static final Set<String> IGNORED = Set.of("dependsOn", "profiles", "attach", "pullPolicy", "updateOrder", "postStart", "preStop");

    private SpecDiff() {
    }

    /** The changed keys, part by part (process, networking, ...) and in each part in its components' order. */
    static List<String> changedFields(ServiceSpec before, ServiceSpec after) {
        List<String> changed = new ArrayList<>();
        for (RecordComponent part : ServiceSpec.class.getRecordComponents()) {
            if (!part.getType().isRecord()) {
                // deploy (x-coremonitor-deploy) says where applications go, not how the container is made
                continue;
            }
            Object a = read(part, before);
            Object b = read(part, after);
            for (RecordComponent c : part.getType().getRecordComponents()) {
                if (!IGNORED.contains(c.getName()) && !Objects.equals(read(c, a), read(c, b))) {
                    changed.add(snake(c.getName()));
                }
            }
        }
        return changed;
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("record accessor " + component.getName(), e);
        }
    }

    /** {@code stopGracePeriod} → {@code stop_grace_period}; limits/reservations named after deploy.resources. */
    static String snake(String camel) {
        if ("limits".equals(camel) || "reservations".equals(camel)) {
            return "deploy.resources." + camel;
        }
        StringBuilder out = new StringBuilder();
        for (char ch : camel.toCharArray()) {
            if (Character.isUpperCase(ch)) {
                out.append('_').append(Character.toLowerCase(ch));
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }
}

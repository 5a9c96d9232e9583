package io.coremonitor.model.internal;

import io.coremonitor.model.DependsOn;
import io.coremonitor.model.DependsOnCondition;
import io.coremonitor.model.HealthCheck;
import io.coremonitor.model.RestartPolicy;
import io.coremonitor.model.ServiceHook;
import io.coremonitor.model.ServiceLifecycle;
import io.coremonitor.model.UpdateOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a service's {@link ServiceLifecycle}: {@code depends_on}, {@code healthcheck}, {@code restart} (or
 * {@code deploy.restart_policy}), {@code init}, the stop settings and {@code profiles}.
 */
final class LifecycleConverter {

    private final Values v;

    LifecycleConverter(Values v) {
        this.v = v;
    }

    ServiceLifecycle lifecycle(Map<String, Object> s, String path, Map<String, Object> deploy, String deployPath) {
        Optional<RestartPolicy> restart = restart(s, path, deploy, deployPath);
        return new ServiceLifecycle(
            dependsOn(s.get("depends_on"), Paths.key(path, "depends_on")),
            healthcheck(s.get("healthcheck"), Paths.key(path, "healthcheck")),
            restart,
            v.bool(s, path, "init", false),
            v.string(s, path, "stop_signal"),
            v.duration(s, path, "stop_grace_period"),
            v.strings(s, path, "profiles", false),
            updateOrder(deploy, deployPath),
            hooks(s.get("post_start"), Paths.key(path, "post_start")),
            hooks(s.get("pre_stop"), Paths.key(path, "pre_stop")));
    }

    /** {@code deploy.update_config.order} (the schema allows start-first and stop-first only); stop-first by default. */
    private UpdateOrder updateOrder(Map<String, Object> deploy, String deployPath) {
        if (!deploy.containsKey("update_config")) {
            return UpdateOrder.STOP_FIRST;
        }
        String ucPath = Paths.key(deployPath, "update_config");
        Map<String, Object> uc = v.mapping(deploy.get("update_config"), ucPath);
        return v.string(uc, ucPath, "order").flatMap(UpdateOrder::parse).orElse(UpdateOrder.STOP_FIRST);
    }

    /** {@code post_start} / {@code pre_stop}: a list of {command, user, privileged, working_dir, environment}. */
    private List<ServiceHook> hooks(Object value, String path) {
        List<ServiceHook> out = new ArrayList<>();
        List<?> list = v.list(value, path);
        for (int i = 0; i < list.size(); i++) {
            String p = Paths.index(path, i);
            Map<String, Object> h = v.mapping(list.get(i), p);
            Object command = h.get("command");
            List<String> words;
            if (command instanceof String text) {
                Optional<List<String>> split = ShellWords.split(text);
                if (split.isEmpty()) {
                    v.error(Paths.key(p, "command"), "a quote is not closed in '" + text + "'");
                    continue;
                }
                words = split.get();
            } else {
                words = v.strings(h, p, "command", false);
            }
            if (words.isEmpty()) {
                v.error(Paths.key(p, "command"), "a hook needs a command");
                continue;
            }
            out.add(new ServiceHook(words, v.string(h, p, "user"), v.bool(h, p, "privileged", false), v.string(h, p, "working_dir"),
                v.listOrDict(h, p, "environment")));
        }
        return out;
    }

    private Optional<RestartPolicy> restart(Map<String, Object> s, String path, Map<String, Object> deploy, String deployPath) {
        Optional<RestartPolicy> direct = Optional.empty();
        Optional<String> text = v.string(s, path, "restart");
        if (text.isPresent()) {
            direct = RestartPolicy.parse(text.get());
            if (direct.isEmpty()) {
                v.error(Paths.key(path, "restart"), "'" + text.get() + "' is not a restart policy; use no, always, on-failure[:N]"
                    + " or unless-stopped");
            }
        }
        if (!deploy.containsKey("restart_policy")) {
            return direct;
        }
        String rpPath = Paths.key(deployPath, "restart_policy");
        Map<String, Object> rp = v.mapping(deploy.get("restart_policy"), rpPath);
        String condition = v.string(rp, rpPath, "condition").orElse("any");
        Optional<Integer> attempts = v.intInRange(rp, rpPath, "max_attempts", 0, Integer.MAX_VALUE);
        RestartPolicy fromDeploy;
        switch (condition) {
            case "none":
                fromDeploy = new RestartPolicy(RestartPolicy.Mode.NO, Optional.empty());
                break;
            case "on-failure":
                fromDeploy = new RestartPolicy(RestartPolicy.Mode.ON_FAILURE, attempts);
                break;
            default:
                fromDeploy = new RestartPolicy(RestartPolicy.Mode.ALWAYS, Optional.empty());
                break;
        }
        if (attempts.isPresent() && !"on-failure".equals(condition)) {
            v.error(Paths.key(rpPath, "max_attempts"), "only works with condition: on-failure");
        }
        if (direct.isPresent() && !direct.get().equals(fromDeploy)) {
            v.error(rpPath, "conflicts with 'restart: " + direct.get() + "' (give the policy once)");
        }
        return Optional.of(fromDeploy);
    }

    private Map<String, DependsOn> dependsOn(Object value, String path) {
        Map<String, DependsOn> out = new LinkedHashMap<>();
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) instanceof String name) {
                    out.put(name, DependsOn.started());
                } else {
                    v.error(Paths.index(path, i), "must be a service name, not " + TreeTypes.describe(list.get(i)));
                }
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String name = (String) e.getKey();
                String p = Paths.key(path, name);
                Map<String, Object> d = v.mapping(e.getValue(), p);
                Optional<String> conditionText = v.string(d, p, "condition");
                Optional<DependsOnCondition> condition = conditionText.flatMap(DependsOnCondition::fromValue);
                if (conditionText.isPresent() && condition.isEmpty()) {
                    v.error(Paths.key(p, "condition"), "'" + conditionText.get() + "' is not a condition; use service_started,"
                        + " service_healthy or service_completed_successfully");
                }
                out.put(name, new DependsOn(condition.orElse(DependsOnCondition.SERVICE_STARTED), v.bool(d, p, "restart", false),
                    v.bool(d, p, "required", true)));
            }
        } else if (value != null) {
            v.error(path, "must be a list or a mapping, not " + TreeTypes.describe(value));
        }
        return out;
    }

    private Optional<HealthCheck> healthcheck(Object value, String path) {
        if (value == null) {
            return Optional.empty();
        }
        Map<String, Object> h = v.mapping(value, path);
        List<String> test = List.of();
        Object rawTest = h.get("test");
        String tp = Paths.key(path, "test");
        if (rawTest instanceof String s) {
            if (s.isBlank()) {
                v.error(tp, "must not be empty");
            } else {
                test = List.of("CMD-SHELL", s);
            }
        } else if (rawTest instanceof List) {
            test = v.strings(h, path, "test", false);
            if (test.isEmpty()) {
                v.error(tp, "must not be an empty list (start it with CMD, CMD-SHELL or NONE)");
            } else if (!List.of("CMD", "CMD-SHELL", "NONE").contains(test.get(0))) {
                v.error(Paths.index(tp, 0), "a test list starts with CMD, CMD-SHELL or NONE, not '" + test.get(0) + "'");
            } else if (!"NONE".equals(test.get(0)) && test.size() < 2) {
                v.error(tp, "'" + test.get(0) + "' needs a command after it");
            } else if ("CMD-SHELL".equals(test.get(0)) && test.size() > 2) {
                v.error(tp, "CMD-SHELL takes exactly one command string");
            }
        } else if (rawTest != null) {
            v.error(tp, "must be a string or a list, not " + TreeTypes.describe(rawTest));
        }
        boolean disable = v.bool(h, path, "disable", false) || !test.isEmpty() && "NONE".equals(test.get(0));
        if (disable) {
            test = List.of("NONE");
        }
        Optional<Long> retries = v.integer(h, path, "retries");
        if (retries.isPresent() && (retries.get() < 0 || retries.get() > Integer.MAX_VALUE)) {
            v.error(Paths.key(path, "retries"), "must be 0 or more, not " + retries.get());
            retries = Optional.empty();
        }
        return Optional.of(new HealthCheck(test, positive(h, path, "interval"), positive(h, path, "timeout"),
            v.duration(h, path, "start_period"), positive(h, path, "start_interval"), retries.map(Long::intValue), disable));
    }

    private Optional<Duration> positive(Map<String, Object> m, String path, String key) {
        Optional<Duration> d = v.duration(m, path, key);
        if (d.isPresent() && d.get().isZero()) {
            v.error(Paths.key(path, key), "must be longer than 0s");
            return Optional.empty();
        }
        return d;
    }
}

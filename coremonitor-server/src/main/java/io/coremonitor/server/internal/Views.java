package io.coremonitor.server.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.coremonitor.engine.PlanAction;
import io.coremonitor.engine.QueueState;
import io.coremonitor.engine.StackContainerView;
import io.coremonitor.engine.StackPlan;
import io.coremonitor.engine.StackStatusView;
import io.coremonitor.engine.monitoring.MonitorEvent;
import io.coremonitor.engine.monitoring.ServiceMonitorView;
import io.coremonitor.engine.monitoring.StackMonitorView;
import io.coremonitor.model.Command;
import io.coremonitor.model.CommandLogLine;
import io.coremonitor.model.Page;
import io.coremonitor.model.RuntimeMapping;
import io.coremonitor.model.Stack;
import io.coremonitor.model.StackVersion;
import io.coremonitor.model.VersionStatus;
import io.coremonitor.store.ContainerStats;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** The JSON shapes of API.md, built explicitly (so a renamed Java field never changes the contract). */
final class Views {

    private Views() {
    }

    static <T> Map<String, Object> page(Page<T> page, Function<T, Object> view) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("items", page.items().stream().map(view).toList());
        m.put("next_cursor", page.nextCursor().orElse(null));
        return m;
    }

    static Map<String, Object> items(List<?> items) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("items", items);
        return m;
    }

    static Map<String, Object> stack(Stack s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stack_id", s.stackId());
        m.put("name", s.name());
        m.put("current_version", s.currentVersion().orElse(null));
        m.put("latest_version", s.latestVersion().orElse(null));
        m.put("created_at", s.createdAt());
        m.put("updated_at", s.updatedAt());
        m.put("deleted_at", s.deletedAt().orElse(null));
        return m;
    }

    static Map<String, Object> version(StackVersion v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stack_id", v.stackId());
        m.put("version", v.version());
        m.put("parent_version", v.parentVersion().orElse(null));
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("created_at", v.metadata().createdAt());
        meta.put("created_by", v.metadata().createdBy());
        meta.put("comment", v.metadata().comment().orElse(null));
        m.put("metadata", meta);
        m.put("compose", json(v.compose()));
        m.put("compose_hash", v.composeHash());
        m.put("runtime", v.runtime().map(Views::runtime).orElse(null));
        m.put("status", v.status().map(Views::versionStatus).orElse(null));
        return m;
    }

    /** A version in a list: without its definition. */
    static Map<String, Object> versionSummary(StackVersion v) {
        Map<String, Object> m = version(v);
        m.remove("compose");
        return m;
    }

    private static Map<String, Object> runtime(RuntimeMapping r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("networks", new TreeMap<>(r.networks()));
        m.put("volumes", new TreeMap<>(r.volumes()));
        m.put("containers", new TreeMap<>(r.containers()));
        return m;
    }

    private static Map<String, Object> versionStatus(VersionStatus s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("desired", s.desired().name());
        m.put("actual", s.actual().name());
        m.put("last_updated", s.lastUpdated());
        m.put("reason", s.reason().orElse(null));
        return m;
    }

    static Map<String, Object> command(Command c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command_id", c.commandId());
        m.put("stack_id", c.stackId());
        m.put("type", c.type().name());
        m.put("payload", json(c.payload()));
        m.put("status", c.status().name());
        m.put("attempt", c.attempt());
        m.put("created_at", c.createdAt());
        m.put("started_at", c.startedAt().orElse(null));
        m.put("ended_at", c.endedAt().orElse(null));
        m.put("created_by", c.createdBy());
        m.put("error", c.error().orElse(null));
        return m;
    }

    static Map<String, Object> logLine(CommandLogLine l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("line", l.lineNo());
        m.put("timestamp", l.timestamp());
        m.put("level", l.level().name());
        m.put("message", l.message());
        return m;
    }

    static Map<String, Object> queue(QueueState q) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("running", q.running().map(Views::command).orElse(null));
        m.put("pending", q.pending());
        m.put("halted_by", q.haltedBy().orElse(null));
        m.put("halt_reason", q.haltReason().orElse(null));
        m.put("on_failure", q.onFailure().name());
        m.put("on_crash", q.onCrash().name());
        m.put("max_attempts", q.maxAttempts());
        m.put("worker_running", q.workerRunning());
        m.put("lease_owner", q.leaseOwner().orElse(null));
        m.put("waiting_for", q.waitingFor().orElse(null));
        return m;
    }

    static Map<String, Object> plan(StackPlan p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stack_id", p.stackId());
        m.put("stack_name", p.stackName());
        m.put("version", p.version());
        m.put("unchanged", p.unchanged());
        Map<String, Object> counts = new LinkedHashMap<>();
        for (PlanAction.Kind kind : PlanAction.Kind.values()) {
            counts.put(kind.name().toLowerCase(java.util.Locale.ROOT), p.actions(kind).size());
        }
        m.put("summary", counts);
        m.put("actions", p.actions().stream().map(a -> {
            Map<String, Object> am = new LinkedHashMap<>();
            am.put("kind", a.kind().name());
            am.put("name", a.name());
            am.put("service", a.service().orElse(null));
            am.put("container_id", a.containerId().orElse(null));
            am.put("reasons", a.reasons());
            return am;
        }).toList());
        return m;
    }

    static Map<String, Object> status(StackMonitorView view) {
        StackStatusView s = view.status();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stack_id", s.stackId());
        m.put("desired", s.desired().name());
        m.put("actual", s.actual().name());
        m.put("version", s.version().orElse(null));
        m.put("last_updated", s.lastUpdated().orElse(null));
        m.put("drifted", view.drifted());
        Map<String, Object> services = new TreeMap<>();
        view.services().forEach((name, v) -> services.put(name, service(v)));
        m.put("services", services);
        return m;
    }

    private static Map<String, Object> service(ServiceMonitorView v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", v.state());
        m.put("health", v.health().orElse(null));
        m.put("container_id", v.containerId().orElse(null));
        m.put("started_at", v.startedAt().orElse(null));
        m.put("version", v.version().orElse(null));
        m.put("uptime_seconds", v.uptime().map(Duration::toSeconds).orElse(null));
        m.put("restart_count", v.restartCount().orElse(null));
        m.put("exit_code", v.exitCode().orElse(null));
        m.put("drift", v.drift().orElse(null));
        return m;
    }

    static Map<String, Object> stats(ContainerStats c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service", c.service());
        m.put("container_id", c.containerId());
        m.put("sampled_at", c.sampledAt());
        m.put("cpu_percent", c.cpuPercent());
        m.put("mem_usage", c.memUsage());
        m.put("mem_limit", c.memLimit());
        m.put("net_rx", c.netRx());
        m.put("net_tx", c.netTx());
        m.put("blk_read", c.blkRead());
        m.put("blk_write", c.blkWrite());
        return m;
    }

    static Map<String, Object> monitorEvent(MonitorEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", e.type().name());
        m.put("stack_id", e.stackId());
        m.put("service", e.service().orElse(null));
        m.put("container_id", e.containerId().orElse(null));
        m.put("action", e.action());
        m.put("reason", e.reason());
        m.put("time", e.time());
        return m;
    }

    static Map<String, Object> container(StackContainerView c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("name", c.name());
        m.put("service", c.service());
        m.put("image", c.image());
        m.put("state", c.state());
        m.put("health", c.health().orElse(null));
        m.put("started_at", c.startedAt().orElse(null));
        m.put("ports", c.ports());
        return m;
    }

    /** Stored JSON text as a tree (the canonical definition, a payload). */
    static JsonNode json(String text) {
        try {
            return Requests.JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return Requests.JSON.getNodeFactory().textNode(text);
        }
    }

    /** One JSON line, for an SSE {@code data:} field. */
    static String line(Object value) {
        try {
            return Requests.JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
